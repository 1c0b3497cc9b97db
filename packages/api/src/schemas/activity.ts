import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";

export const activityCursor = z.object({ createdAt: timestamp(), id: idSchema });

export const listActivityInput = z.object({
  /** One record's history; without it, the organization's. */
  target: z.object({ type: text().max(64), id: idSchema }).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: activityCursor.nullish(),
});
