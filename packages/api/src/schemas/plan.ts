// The plan catalog's shapes, shared by the server (plan.entitlements read back from jsonb, the
// admin's catalog editor, Stripe product metadata) and the web (pricing page, upgrade offers).
import type { PlanEntitlements } from "@guild/db/enums";
import { z } from "zod";

/** A limit: a whole number of things, or null for unlimited. */
const limit = z.number().int().min(0).nullable();

export const planEntitlementsSchema = z.object({
  staffSeats: limit,
  communityMembers: limit,
  spaces: limit,
  courses: limit,
  monthlyCredits: z.number().int().min(0),
  storageBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
}) satisfies z.ZodType<PlanEntitlements>;

/** A plan's key: what Stripe's product metadata (guild_plan_key) and URLs name it by. */
export const planKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, "Lower-case letters, digits, - and _, starting with a letter");

/** The pricing page's billing period toggle. */
export const pricingIntervals = ["month", "year"] as const;
export type PricingInterval = (typeof pricingIntervals)[number];
