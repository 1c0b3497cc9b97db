// What a billing procedure that talks to Stripe gets (an orgLongProcedure's context, narrowed): it
// holds no connection while Stripe answers, and runs its reads and writes in short tenant
// transactions (`tenant`), each checking the membership again.
import type { TenantScope } from "@guild/db";
import Stripe from "stripe";
import { AppError } from "../errors.ts";
import type { StripeDeps } from "./stripe-client.ts";

export interface StripeCallContext {
  tenant<T>(fn: (scope: TenantScope) => Promise<T>): Promise<T>;
  stripe: Stripe;
  organizationId: string;
  organizationSlug: string;
  /** Public origin of the web app: where Stripe's pages send the person back. */
  appUrl: string;
  memberId: string;
  userId: string;
  userEmail: string;
}

/** The Stripe client, or SERVICE_UNAVAILABLE on a server without billing. */
export function requireStripe(stripe: StripeDeps | null | undefined): Stripe {
  if (!stripe) throw new AppError("SERVICE_UNAVAILABLE", "Payments are not set up on this server");
  return stripe.client;
}

/**
 * Runs a Stripe call; Stripe's refusals and outages become SERVICE_UNAVAILABLE saying nothing was
 * charged or changed (the SDK's message can name ids and parameters the person cannot act on).
 */
export async function stripeCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError)
      throw new AppError(
        "SERVICE_UNAVAILABLE",
        `Stripe could not ${what} just now; nothing was changed. Please try again.`,
        { cause: error },
      );
    throw error;
  }
}

/** Stripe's seconds as a Date. */
export const fromStripeTime = (seconds: number) => new Date(seconds * 1000);
