#!/usr/bin/env node
// Runs the stand-in alone: `pnpm --filter @guild/stripe-stand-in start` (or `node src/cli.ts`).
// STRIPE_STAND_IN_PORT (default 12111), STRIPE_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET, and
// STRIPE_STAND_IN_STATE (a JSON file that keeps the state across restarts).
import { startStripeStandIn } from "./server.ts";

const standIn = await startStripeStandIn({
  port: Number(process.env.STRIPE_STAND_IN_PORT ?? 12111),
  host: process.env.STRIPE_STAND_IN_HOST ?? "127.0.0.1",
  webhookUrl: process.env.STRIPE_WEBHOOK_URL,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
  stateFile: process.env.STRIPE_STAND_IN_STATE,
});
console.log(`Stripe stand-in (test mode) on ${standIn.url}`);
console.log(
  `  SDK options: { host: "${standIn.stripeConfig.host}", port: ${standIn.port}, protocol: "http" }`,
);
console.log(`  webhooks: ${process.env.STRIPE_WEBHOOK_URL ?? "(none: set STRIPE_WEBHOOK_URL)"}`);
console.log(`  webhook secret: ${standIn.webhookSecret}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void standIn.stop().then(() => process.exit(0));
  });
}
