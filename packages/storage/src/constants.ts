// What hosts need to know about the embedded S3 server without loading it (s3rver and its
// dependencies take most of a second to import: only the process that runs it should pay).

/** s3rver knows one account; a wrong access key id is refused, the secret is never checked. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

/** The dev server's port, so presigned URLs and the CSP survive a restart (like DEV_PG_PORT). */
export const DEV_S3_PORT = 54330;
