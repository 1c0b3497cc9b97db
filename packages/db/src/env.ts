import { z } from "zod";
import { DEV_PG_PORT } from "./embedded.ts";

// The only place this package reads process.env. The dev database's location and port are the
// server's (apps/server/src/env.ts), so the db:* commands find the one `pnpm dev` uses.
const schema = z.object({
  DATABASE_URL: z.url().optional(),
  GUILD_DATA_DIR: z.string().min(1).optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(DEV_PG_PORT),
});

export const env = schema.parse(process.env);
