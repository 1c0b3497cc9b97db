// The front door (issue 11 §2): an organization's public page at /c/:slug and joining it.
import { z } from "zod";
import { idSchema, text } from "./common.ts";
import { tierInterval } from "./member-tier.ts";

/** An organization's address as the public page's URL carries it (checked loosely: unknown is NOT_FOUND). */
const slug = text().trim().toLowerCase().min(1, "Name the community").max(80, "No such community");

export const publicPageInput = z.object({ slug });
/** Join for free: no tier, or a free tier. */
export const joinInput = z.object({ slug, tierId: idSchema.nullish() });
/** Join through a paid tier: Stripe's checkout, the membership made when it completes. */
export const joinCheckoutInput = z.object({ slug, tierId: idSchema, interval: tierInterval });
export const joinRequestListInput = z.object({
  status: z.enum(["pending", "answered"]).default("pending"),
});
