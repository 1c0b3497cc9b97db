import { REPORT_DETAILS_MAX, reportReasons, reportResolutions } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";

export const setPostPinnedInput = z.object({ id: idSchema, pinned: z.boolean() });
export const setPostLockedInput = z.object({ id: idSchema, locked: z.boolean() });
export const setHiddenInput = z.object({ id: idSchema, hidden: z.boolean() });
export const moderationRemoveInput = z.object({ id: idSchema });

/** A member's report: a post, or one of its comments, and why. */
export const reportContentInput = z.object({
  postId: idSchema,
  /** Null or absent: the post itself. */
  commentId: idSchema.nullish(),
  reason: z.enum(reportReasons, "Choose a reason"),
  details: text()
    .trim()
    .max(REPORT_DETAILS_MAX, `Details must be at most ${REPORT_DETAILS_MAX} characters`)
    .default(""),
});

export const reportCursor = z.object({ createdAt: timestamp(), id: idSchema });

export const listReportsInput = z.object({
  limit: z.number().int().min(1).max(100).default(30),
  cursor: reportCursor.nullish(),
});

export const resolveReportInput = z.object({
  id: idSchema,
  resolution: z.enum(reportResolutions, "Choose how to resolve it"),
});
