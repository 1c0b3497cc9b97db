import { z } from "zod";

// The only place this package reads process.env.
const schema = z.object({
  DATABASE_URL: z.url().optional(),
});

export const env = schema.parse(process.env);
