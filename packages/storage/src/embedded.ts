// The embedded S3 server for `pnpm dev` and the tests, as embedded PostgreSQL is the database:
// s3rver 3.7.1 in this process, data in a directory (.data/s3 in dev), bound to 127.0.0.1.
// s3rver checks no signature, no signed length or type and no ACL (anyone who can reach it may
// read or write anything): Guild therefore inspects every upload when it is confirmed (HEAD and
// content sniffing), which is also what keeps production honest where S3 does check.
// Patched for Node >= 17: see patches/s3rver@3.7.1.patch.
import S3rver from "s3rver";

export { DEV_S3_PORT, S3RVER_CREDENTIALS } from "./constants.ts";

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The bucket's CORS rules: the app's origins may PUT (presigned uploads), GET and HEAD, sending
 * content-type. An origin may hold one `*` (e.g. http://localhost:* for tests on random ports).
 * Production stores get theirs as an operations step (README, "Files").
 */
export function corsConfiguration(origins: readonly string[]): string {
  return [
    "<CORSConfiguration><CORSRule>",
    ...origins.map((o) => `<AllowedOrigin>${xml(o)}</AllowedOrigin>`),
    "<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>",
    "<AllowedHeader>content-type</AllowedHeader>",
    "<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds>",
    "</CORSRule></CORSConfiguration>",
  ].join("");
}

export interface EmbeddedS3 {
  /** S3_URL for clients: http://127.0.0.1:<port>. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedS3Options {
  /** Where objects live (created on demand), e.g. <repo>/.data/s3. */
  directory: string;
  /** 0 picks a free port. */
  port?: number;
  /** Buckets to create (or keep) with CORS for these origins. */
  buckets?: readonly string[];
  origins?: readonly string[];
}

/** Starts s3rver; `stop()` closes it (idle keep-alive sockets included, Node ≥ 19). */
export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  const origins = options.origins ?? [];
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    directory: options.directory,
    // Its winston request log would flood the server's output.
    silent: true,
    // By default any Host that is not an IP or localhost is read as a bucket name.
    vhostBuckets: false,
    resetOnClose: false,
    configureBuckets: (options.buckets ?? []).map((name) => ({
      name,
      configs: [corsConfiguration(origins)],
    })),
  });
  let address: { port: number };
  try {
    address = await server.run();
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : null;
    if (code === "EADDRINUSE")
      throw new Error(
        `Port ${options.port} (embedded S3) is already in use: stop what runs there, or set EMBEDDED_S3_PORT (0 picks a free one), or S3_URL.`,
        { cause: error },
      );
    throw error;
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: () => server.close(),
  };
}
