// The built SPA (production). A build's files never change while the server runs, so each is
// read once and kept in memory with the Brotli and gzip copies the web build wrote next to it
// (apps/web/build/precompress.ts); a request gets the smallest one its browser accepts.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

type Bytes = Uint8Array<ArrayBuffer>;

export interface StaticFile {
  body: Bytes;
  br: Bytes | null;
  gzip: Bytes | null;
}

const orNull = (path: string): Promise<Bytes | null> => readFile(path).catch(() => null);

async function load(path: string): Promise<StaticFile | null> {
  const body = await orNull(path);
  if (!body) return null;
  const [br, gzip] = await Promise.all([orNull(`${path}.br`), orNull(`${path}.gz`)]);
  return { body, br, gzip };
}

/** Files under `root` by their path relative to it (already checked to stay inside root). */
export function createStaticFiles(root: string) {
  const files = new Map<string, Promise<StaticFile | null>>();
  return (relativePath: string): Promise<StaticFile | null> => {
    let file = files.get(relativePath);
    if (!file) {
      file = load(join(root, relativePath));
      files.set(relativePath, file);
      // Only what exists is kept: unknown paths must not grow the map.
      void file.then((found) => found || files.delete(relativePath));
    }
    return file;
  };
}

/** Whether an Accept-Encoding header allows `encoding`: named with q > 0, or `*` unless refused. */
function allows(header: string | undefined, encoding: string): boolean {
  let star = false;
  for (const part of (header ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const ok = !q || Number(q.slice(2)) > 0;
    if (name.trim() === encoding) return ok;
    if (name.trim() === "*") star = ok;
  }
  return star;
}

/** The body to send and its Content-Encoding (null: as is). */
export function negotiate(
  file: StaticFile,
  acceptEncoding: string | undefined,
): { body: Bytes; encoding: "br" | "gzip" | null } {
  if (file.br && allows(acceptEncoding, "br")) return { body: file.br, encoding: "br" };
  if (file.gzip && allows(acceptEncoding, "gzip")) return { body: file.gzip, encoding: "gzip" };
  return { body: file.body, encoding: null };
}
