// The learning activity log (issue 12 §3): what a member reads of their own activity and an admin
// of the organization's, a page at a time, filtered by kind.
import { activityLogKinds } from "@guild/db/enums";
import { z } from "zod";
import { activityCursor } from "./activity.ts";
import { idSchema } from "./common.ts";

export const activityLogKind = z.enum(activityLogKinds, "Choose a kind of activity");

export const activityLogInput = z.object({
  /** The kinds to show; empty or left out: every kind. */
  kinds: z.array(activityLogKind).max(activityLogKinds.length).default([]),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: activityCursor.nullish(),
});

/** An admin's view of the organization's log, optionally of one member. */
export const organizationActivityLogInput = activityLogInput.extend({
  memberId: idSchema.optional(),
});
