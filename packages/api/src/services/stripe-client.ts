// The one place the app makes its Stripe client (issue 10 §2): the `stripe` SDK is the only way
// Guild talks to Stripe, whether to Stripe itself (real keys) or to the local stand-in
// (@guild/stripe-stand-in, which `pnpm dev` and the tests start when there is no secret key). The
// host reads the keys (apps/server/src/env.ts) and passes them here; nothing else builds a client.
import Stripe from "stripe";

/** What the host knows about its Stripe account. */
export interface StripeSettings {
  secretKey: string;
  /** The platform endpoint's signing secret (whsec_…). */
  webhookSecret: string;
  /** The Connect endpoint's signing secret, when Connect events come to a second endpoint. */
  connectWebhookSecret?: string | undefined;
  /** Where the local stand-in answers (its stripeConfig); absent for Stripe itself. */
  standIn?: { host: string; port: number; protocol: "http" } | undefined;
}

export interface StripeDeps {
  client: Stripe;
  /** Every secret a delivery to /api/webhooks/stripe may be signed with (platform, Connect). */
  webhookSecrets: readonly string[];
  /** "stand-in": the local stand-in ("test mode: local Stripe stand-in" on screen). */
  mode: "stand-in" | "test" | "live";
}

export function createStripe(settings: StripeSettings): StripeDeps {
  const client = new Stripe(settings.secretKey, {
    ...(settings.standIn ?? {}),
    // Stripe answers within seconds; a request must not hold a job or a reply for a minute.
    timeout: 20_000,
    maxNetworkRetries: 2,
  });
  return {
    client,
    webhookSecrets: [settings.webhookSecret, settings.connectWebhookSecret].filter(
      (secret): secret is string => Boolean(secret),
    ),
    mode: settings.standIn
      ? "stand-in"
      : settings.secretKey.startsWith("sk_live_") || settings.secretKey.startsWith("rk_live_")
        ? "live"
        : "test",
  };
}
