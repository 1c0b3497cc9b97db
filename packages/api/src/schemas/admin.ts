// Inputs of the platform admin console (routers/admin.ts), shared with its web forms.
import { z } from "zod";
import { idSchema, lineOfText, text, timestamp } from "./common.ts";
import { planEntitlementsSchema } from "./plan.ts";

export const ADMIN_PAGE_SIZE = 25;
export const BAN_REASON_MAX = 500;
/** How long an impersonation lasts before its session ends by itself. */
export const IMPERSONATION_MINUTES = 30;

const pageLimit = z.number().int().min(1).max(100).default(ADMIN_PAGE_SIZE);

/** A keyset position in a list ordered newest first: the last row's time and id. */
const timeCursor = z.object({ at: timestamp(), id: text().min(1).max(255) });

export const adminUserFilters = ["all", "banned", "admins"] as const;
export type AdminUserFilter = (typeof adminUserFilters)[number];

export const adminUserListInput = z.object({
  /** Part of a name or an email address. */
  query: text().trim().max(200).optional(),
  filter: z.enum(adminUserFilters).default("all"),
  cursor: timeCursor.nullish(),
  limit: pageLimit,
});

export const adminBanInput = z
  .object({
    userId: idSchema,
    reason: text().trim().min(1, "Say why (the person is not shown it)").max(BAN_REASON_MAX),
    /** When the ban ends by itself; none: until someone unbans. */
    expiresAt: timestamp().nullish(),
  })
  .refine((input) => !input.expiresAt || input.expiresAt.getTime() > Date.now(), {
    message: "The end of the ban must be in the future",
    path: ["expiresAt"],
  });
export type AdminBanInput = z.input<typeof adminBanInput>;

export const adminUserInput = z.object({ userId: idSchema });

export const stripeEventFilters = ["all", "failed", "unprocessed"] as const;
export type StripeEventFilter = (typeof stripeEventFilters)[number];

export const adminStripeEventListInput = z.object({
  filter: z.enum(stripeEventFilters).default("all"),
  /** An event type, exactly (e.g. invoice.paid). */
  type: text().trim().max(200).optional(),
  cursor: timeCursor.nullish(),
  limit: pageLimit,
});

export const stripeEventIdInput = z.object({ id: text().min(1).max(255) });

export const auditLogListInput = z.object({
  cursor: z.object({ at: timestamp(), id: idSchema }).nullish(),
  limit: pageLimit,
});

export const adminOrganizationListInput = z.object({
  /** Part of a name or slug. */
  query: text().trim().max(200).optional(),
  cursor: timeCursor.nullish(),
  limit: pageLimit,
});

export const COMP_SEATS_MAX = 10_000;

export const compPlanInput = z.object({
  organizationId: idSchema,
  planId: idSchema,
  seats: z
    .number("Enter a number of seats")
    .int("Enter a whole number of seats")
    .min(1, "At least 1 seat")
    .max(COMP_SEATS_MAX, `At most ${COMP_SEATS_MAX.toLocaleString("en")} seats`),
  reason: text().trim().min(1, "Say why (for the audit log)").max(BAN_REASON_MAX),
});
export type CompPlanInput = z.input<typeof compPlanInput>;

export const endCompInput = z.object({ organizationId: idSchema });

export const PLAN_NAME_MAX = 80;
export const PLAN_DESCRIPTION_MAX = 500;

export const planUpdateInput = z.object({
  id: idSchema,
  name: lineOfText().trim().min(1, "Enter a name").max(PLAN_NAME_MAX),
  description: text().trim().max(PLAN_DESCRIPTION_MAX),
  active: z.boolean(),
  trialDays: z.number().int("Whole days").min(0, "0 or more").max(365, "At most 365 days"),
  entitlements: planEntitlementsSchema,
});
export type PlanUpdateInput = z.input<typeof planUpdateInput>;
