// Test support: one embedded s3rver per test run (testing-global-setup.ts provides its URL as
// `s3Url`), and a bucket of its own per test file, so files run in parallel without sharing keys.
import { randomBytes } from "node:crypto";
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from "@aws-sdk/client-s3";
import { S3RVER_CREDENTIALS } from "./constants.ts";
import { createStorage, type Storage, type StorageConfig } from "./index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test run's embedded S3 server; each test file makes its own bucket (createTestBucket). */
    s3Url: string;
  }
}

/** Origins test pages and servers use (any port): s3rver allows one `*` per origin. */
export const TEST_ORIGINS = ["http://127.0.0.1:*", "http://localhost:*"] as const;

/** The storage settings for a bucket on the test run's s3rver. */
export function testStorageConfig(s3Url: string, bucket: string): StorageConfig {
  return {
    endpoint: s3Url,
    bucket,
    region: "us-east-1",
    forcePathStyle: true,
    ...S3RVER_CREDENTIALS,
  };
}

/**
 * A new bucket with the app's CORS rules, created through the S3 API as an operator would, and a
 * storage for it. `listPageSize` small makes listing paginate with a handful of objects.
 */
export async function createTestBucket(
  s3Url: string,
  options: { listPageSize?: number; origins?: readonly string[] } = {},
): Promise<{ config: StorageConfig; storage: Storage; close(): Promise<void> }> {
  const bucket = `t-${randomBytes(6).toString("hex")}`;
  const config = { ...testStorageConfig(s3Url, bucket), listPageSize: options.listPageSize };
  const admin = new S3Client({
    endpoint: s3Url,
    region: config.region,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  try {
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
    await admin.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: [...(options.origins ?? TEST_ORIGINS)],
              AllowedMethods: ["PUT", "GET", "HEAD"],
              AllowedHeaders: ["content-type"],
              ExposeHeaders: ["ETag"],
              MaxAgeSeconds: 600,
            },
          ],
        },
      }),
    );
  } finally {
    admin.destroy();
  }
  const storage = createStorage(config);
  return {
    config,
    storage,
    async close() {
      storage.close();
    },
  };
}
