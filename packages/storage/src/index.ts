// File storage through the S3 API, the only storage path Guild has: an embedded s3rver in dev and
// tests (./embedded.ts), MinIO, R2 or AWS S3 in production. Objects are addressed by keys the
// server makes up (org/<organizationId>/<fileId>); user-supplied names never reach a key.
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

export { DEV_S3_PORT, S3RVER_CREDENTIALS } from "./constants.ts";

export interface StorageConfig {
  /** The S3 endpoint (S3_URL), e.g. http://127.0.0.1:54330, http://localhost:9000, https://<account>.r2.cloudflarestorage.com. Browsers must reach it: presigned URLs point there. */
  endpoint: string;
  bucket: string;
  /** SigV4 needs one; R2 wants "auto", s3rver and MinIO take anything. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** http://host/bucket/key instead of http://bucket.host/key: s3rver and MinIO need it. */
  forcePathStyle: boolean;
  /** Keys per ListObjectsV2 page (S3's maximum, 1000); tests use 2 to exercise pagination. */
  listPageSize?: number;
}

export interface StoredObject {
  size: number;
  contentType: string | null;
  etag: string | null;
}

export interface StorageObjectStream extends StoredObject {
  body: ReadableStream<Uint8Array>;
}

/** The S3 API could not be reached or answered with an error we did not expect. */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "StorageUnavailableError";
  }
}

/** S3 refuses batch deletes of more than this many keys. */
const DELETE_BATCH = 1000;

const notFound = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === "NotFound" ||
    error.name === "NoSuchKey" ||
    error.$metadata.httpStatusCode === 404);

async function unavailable<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StorageUnavailableError(`storage: ${what} failed`, { cause: error });
  }
}

export type Storage = ReturnType<typeof createStorage>;

export function createStorage(config: StorageConfig) {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Since SDK 3.729 the default (WHEN_SUPPORTED) puts the CRC32 of an empty body into every
    // presigned PUT URL, which S3, MinIO and R2 then refuse for the browser's real body, and sends
    // stream uploads as aws-chunked, which s3rver stores framing and all. Only where an API
    // requires a checksum (DeleteObjects), which every S3 implementation accepts.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // Fail fast instead of waiting out the SDK's default of no timeout on a dead endpoint.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    maxAttempts: 3,
  });
  const Bucket = config.bucket;
  const pageSize = config.listPageSize ?? 1000;
  const endpoint = new URL(config.endpoint);

  /** Keys under a prefix, a page at a time. */
  async function* listKeys(prefix: string) {
    if (!prefix.endsWith("/"))
      // "org/1" would also list "org/10/…".
      throw new Error(`storage: a prefix must end with "/" (got ${prefix})`);
    for await (const page of paginateListObjectsV2(
      { client, pageSize },
      { Bucket, Prefix: prefix },
    ))
      yield (page.Contents ?? []).flatMap((o) =>
        o.Key ? [{ key: o.Key, size: o.Size ?? 0 }] : [],
      );
  }

  return {
    bucket: Bucket,
    /**
     * The origin browsers talk to for uploads and presigned downloads: the app's CSP allows it
     * (connect-src for the PUT, img-src and media-src for previews).
     */
    origin: config.forcePathStyle
      ? endpoint.origin
      : `${endpoint.protocol}//${Bucket}.${endpoint.host}`,

    /**
     * A URL a browser PUTs exactly `size` bytes of `contentType` to, until it expires. Both are
     * signed (content-type is unsigned by default), so S3, MinIO and R2 refuse any other body;
     * s3rver checks neither, which is why uploads are inspected again when confirmed.
     */
    presignUpload(key: string, file: { contentType: string; size: number }, expiresIn: number) {
      return getSignedUrl(
        client,
        new PutObjectCommand({
          Bucket,
          Key: key,
          ContentType: file.contentType,
          ContentLength: file.size,
        }),
        { expiresIn, signableHeaders: new Set(["content-type", "content-length"]) },
      );
    },

    /** A short-lived URL that downloads the object under the given name and type. */
    presignDownload(
      key: string,
      file: { filename: string; contentType: string; disposition?: "attachment" | "inline" },
      expiresIn: number,
    ) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentDisposition: contentDisposition(
            file.disposition ?? "attachment",
            file.filename,
          ),
          ResponseContentType: file.contentType,
        }),
        { expiresIn },
      );
    },

    /** Size, type and ETag of an object, or null when there is none. */
    async head(key: string): Promise<StoredObject | null> {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return {
          size: head.ContentLength ?? 0,
          contentType: head.ContentType ?? null,
          etag: head.ETag ?? null,
        };
      } catch (error) {
        if (notFound(error)) return null;
        throw new StorageUnavailableError("storage: HEAD failed", { cause: error });
      }
    },

    /**
     * The first `length` bytes of an object (for content sniffing). Only for objects known to be
     * non-empty: s3rver answers a ranged GET of a 0-byte object with a broken 206.
     */
    async readStart(key: string, length: number): Promise<Uint8Array> {
      return unavailable("ranged GET", async () => {
        const answer = await client.send(
          new GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${length - 1}` }),
        );
        const bytes = (await answer.Body?.transformToByteArray()) ?? new Uint8Array();
        // s3rver sends the whole object for some ranges (bytes=0-0): keep what was asked for.
        return bytes.subarray(0, length);
      });
    },

    /** The object as a stream, or null when there is none (serving public files). */
    async get(key: string): Promise<StorageObjectStream | null> {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!answer.Body) return null;
        return {
          body: answer.Body.transformToWebStream(),
          size: answer.ContentLength ?? 0,
          contentType: answer.ContentType ?? null,
          etag: answer.ETag ?? null,
        };
      } catch (error) {
        if (notFound(error)) return null;
        throw new StorageUnavailableError("storage: GET failed", { cause: error });
      }
    },

    /** Stores an object from the server side (seeds, tests). */
    async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
      await unavailable("PUT", () =>
        client.send(
          new PutObjectCommand({
            Bucket,
            Key: key,
            Body: body,
            ContentType: contentType,
            ContentLength: body.byteLength,
          }),
        ),
      );
    },

    /**
     * Copies an object within the bucket, on the S3 side (bytes, type and ETag; nothing passes
     * through the app). False when the source does not exist.
     */
    async copy(sourceKey: string, targetKey: string): Promise<boolean> {
      try {
        await client.send(
          new CopyObjectCommand({
            Bucket,
            Key: targetKey,
            // "<bucket>/<key>", URL-encoded as S3 expects (our keys are ids and slashes anyway).
            CopySource: `${Bucket}/${sourceKey.split("/").map(encodeURIComponent).join("/")}`,
          }),
        );
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw new StorageUnavailableError("storage: CopyObject failed", { cause: error });
      }
    },

    /** Deletes objects (missing ones are fine: deletion jobs may run twice). */
    async deleteKeys(keys: readonly string[]): Promise<void> {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const Objects = keys.slice(i, i + DELETE_BATCH).map((Key) => ({ Key }));
        const answer = await unavailable("DeleteObjects", () =>
          client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } })),
        );
        if (answer.Errors?.length)
          throw new StorageUnavailableError(
            `storage: could not delete ${answer.Errors.map((e) => `${e.Key} (${e.Code})`).join(", ")}`,
          );
      }
    },

    /** Deletes every object under a prefix (an organization's `org/<id>/`); returns how many. */
    async deletePrefix(prefix: string): Promise<number> {
      let deleted = 0;
      for await (const page of listKeys(prefix)) {
        await this.deleteKeys(page.map((o) => o.key));
        deleted += page.length;
      }
      return deleted;
    },

    /** What is stored under a prefix, counted by listing (reconciliation, tests). */
    async usage(prefix: string): Promise<{ bytes: number; objects: number }> {
      let bytes = 0;
      let objects = 0;
      for await (const page of listKeys(prefix))
        for (const o of page) {
          bytes += o.size;
          objects++;
        }
      return { bytes, objects };
    },

    /** Closes the client's sockets. */
    close(): void {
      client.destroy();
    },
  };
}

/** The types Guild accepts anywhere, each recognizable by its first bytes. */
export const sniffableTypes = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
] as const;
export type SniffableType = (typeof sniffableTypes)[number];

/** Bytes sniffContentType needs from the start of a file. */
export const SNIFF_BYTES = 16;

/** The type a file's first bytes say it is (magic numbers), or null for anything else. */
export function sniffContentType(bytes: Uint8Array): SniffableType | null {
  const at = (offset: number, expected: readonly number[]) =>
    expected.every((byte, i) => bytes[offset + i] === byte);
  const ascii = (offset: number, text: string) =>
    at(
      offset,
      [...text].map((c) => c.charCodeAt(0)),
    );
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (at(0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "image/gif";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "image/webp";
  if (ascii(0, "%PDF-")) return "application/pdf";
  return null;
}

/**
 * A Content-Disposition header (RFC 6266) for a user's file name: an ASCII fallback for old
 * clients plus the exact name as UTF-8 in filename* (RFC 8187). Quotes, backslashes, percent signs
 * and anything outside printable ASCII never reach the quoted fallback.
 */
export function contentDisposition(kind: "attachment" | "inline", filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
