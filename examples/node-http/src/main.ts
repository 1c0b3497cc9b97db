// `pnpm --filter @guild/example-node-http start` with DATABASE_URL and S3_URL set (e.g. the lines
// `pnpm dev` prints). The only file of this example that reads process.env.
import { z } from "zod";
import { createExampleServer } from "./index.ts";

const env = z
  .object({
    DATABASE_URL: z.url(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3100),
    AUTH_SECRET: z.string().min(32).optional(),
    // The bucket files go to: `pnpm dev` prints its embedded S3 server's URL; its bucket is guild
    // and its keys S3RVER/S3RVER.
    S3_URL: z.url(),
    S3_BUCKET: z.string().min(1).default("guild"),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ACCESS_KEY_ID: z.string().min(1),
    S3_SECRET_ACCESS_KEY: z.string().min(1),
  })
  .parse(process.env);

const server = await createExampleServer({
  databaseUrl: env.DATABASE_URL,
  port: env.PORT,
  storage: {
    endpoint: env.S3_URL,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: true,
  },
  ...(env.AUTH_SECRET ? { secret: env.AUTH_SECRET } : {}),
});
process.stdout.write(
  `Guild API on plain node:http at ${server.url}/api/trpc and ${server.url}/api/auth\n`,
);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
