// `pnpm --filter @guild/example-node-http start` with DATABASE_URL set (e.g. the line `pnpm dev`
// prints). The only file of this example that reads process.env.
import { z } from "zod";
import { createExampleServer } from "./index.ts";

const env = z
  .object({
    DATABASE_URL: z.url(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3100),
    AUTH_SECRET: z.string().min(32).optional(),
  })
  .parse(process.env);

const server = await createExampleServer({
  databaseUrl: env.DATABASE_URL,
  port: env.PORT,
  ...(env.AUTH_SECRET ? { secret: env.AUTH_SECRET } : {}),
});
process.stdout.write(
  `Guild API on plain node:http at ${server.url}/api/trpc and ${server.url}/api/auth\n`,
);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
