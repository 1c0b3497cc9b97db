// `pnpm db:sync-stripe` (seed 001's catalog sync): reads every Stripe product and price into the
// plan catalog (plan, plan_price), linked by the product's metadata guild_plan_key; webhooks keep
// it current afterwards. With STRIPE_SECRET_KEY, that account; without, the local stand-in
// `pnpm dev` runs (which first gets the catalog's plans it lacks, as at boot). The database:
// DATABASE_URL, or the dev database `pnpm dev` runs.
import { pathToFileURL } from "node:url";
import { createStripe, pushCatalogToStripe, syncStripeCatalog } from "@guild/api";
import { createDb } from "@guild/db";
import { DEV_DATABASE } from "@guild/db/embedded";
import type { ServerEnv } from "./env.ts";
import { DEV_STAND_IN_PORT, STAND_IN_SECRET_KEY } from "./server.ts";

type SyncEnv = Pick<
  ServerEnv,
  | "DATABASE_URL"
  | "EMBEDDED_PG_PORT"
  | "STRIPE_SECRET_KEY"
  | "STRIPE_WEBHOOK_SECRET"
  | "STRIPE_STAND_IN_PORT"
>;

export async function syncStripe(
  env: SyncEnv,
  log: (line: string) => void,
): Promise<{ plans: number; prices: number }> {
  const databaseUrl =
    env.DATABASE_URL ?? `postgres://guild:guild@127.0.0.1:${env.EMBEDDED_PG_PORT}/${DEV_DATABASE}`;
  const standInPort = env.STRIPE_STAND_IN_PORT ?? DEV_STAND_IN_PORT;
  const stripe = createStripe(
    env.STRIPE_SECRET_KEY
      ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? "" }
      : {
          secretKey: STAND_IN_SECRET_KEY,
          webhookSecret: "",
          standIn: { host: "127.0.0.1", port: standInPort, protocol: "http" },
        },
  );
  const { db, sql } = createDb(databaseUrl);
  try {
    const now = new Date();
    const counts =
      stripe.mode === "stand-in"
        ? await pushCatalogToStripe(db, stripe.client, now)
        : await syncStripeCatalog(db, stripe.client, now);
    log(
      `Synced the plan catalog from ${stripe.mode === "stand-in" ? `the local Stripe stand-in (port ${standInPort})` : `Stripe (${stripe.mode})`}: ${counts.plans} plans, ${counts.prices} prices.`,
    );
    return counts;
  } finally {
    await sql.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // Read only when run: importing this module (its test) must not parse the process's env.
  const { env } = await import("./env.ts");
  await syncStripe(env, (line) => console.log(line)).catch((error: unknown) => {
    console.error(
      `db:sync-stripe failed: ${error instanceof Error ? error.message : String(error)}\n` +
        "Without DATABASE_URL and STRIPE_SECRET_KEY it talks to what `pnpm dev` runs: start it first.",
    );
    process.exit(1);
  });
}
