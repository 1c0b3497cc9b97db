// `pnpm dev` with the local Stripe stand-in: the demo organization's tiers (Supporter, Patron: seeded
// priced but with no Stripe behind them) become buyable from the first click, as the plan catalog
// does (pushCatalogToStripe). At boot the demo gets a connected account on the stand-in, onboarded
// through the stand-in's own onboarding page as its owner would, and its priced tiers get their
// product and prices there (member-tier.ts's syncTierStripeCatalog, the same that saving a tier
// runs). Idempotent across restarts: what the database links and the stand-in still knows is kept
// (the dev stand-in keeps its state in a file); an account the stand-in no longer knows (its state
// reset) is made again, and the tiers' prices with it. Never with real Stripe: the server calls it
// only when it runs the stand-in.
import {
  and,
  asSystem,
  connectedAccount,
  type Database,
  eq,
  memberTier,
  type TenantScope,
  withTenant,
} from "@guild/db";
import Stripe from "stripe";
import { createTierInput } from "../schemas/member-tier.ts";
import { applyAccount, connectReturnUrls, memberTierMetadata, parseAccount } from "./connect.ts";
import { isFreeTier, syncTierStripeCatalog } from "./member-tier.ts";

const isMissing = (error: unknown) =>
  error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing";

/** Whether the stand-in knows the account (false: its state was reset since). */
async function accountKnown(stripe: Stripe, id: string): Promise<boolean> {
  try {
    await stripe.accounts.retrieve(id);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/** Forgets an account the stand-in no longer knows, and the tier prices made on it. */
async function forgetAccount(scope: TenantScope) {
  await scope.db
    .delete(connectedAccount)
    .where(eq(connectedAccount.organizationId, scope.organizationId));
  await scope.db
    .update(memberTier)
    .set({
      stripeProductId: null,
      stripeMonthlyPriceId: null,
      stripeYearlyPriceId: null,
      stripeLifetimePriceId: null,
    })
    .where(eq(memberTier.organizationId, scope.organizationId));
}

/**
 * Connects the organization (the demo) to the stand-in and puts its priced tiers' prices there.
 * Answers the connected account and how many tiers got Stripe prices in this call.
 */
export async function connectDemoTiersToStandIn(
  db: Database,
  stripe: Stripe,
  organization: { id: string; slug: string },
  appUrl: string,
): Promise<{ stripeAccount: string; tiersPriced: number }> {
  const tenant = <T>(fn: (scope: TenantScope) => Promise<T>) =>
    withTenant(db, asSystem(organization.id, "dev.demo-tiers"), fn);
  const readAccount = () =>
    tenant(async (scope) => {
      const [row] = await scope.db
        .select()
        .from(connectedAccount)
        .where(eq(connectedAccount.organizationId, scope.organizationId));
      return row ?? null;
    });
  let account = await readAccount();
  if (account && !(await accountKnown(stripe, account.stripeAccountId))) {
    await tenant(forgetAccount);
    account = null;
  }
  if (!account) {
    const created = await stripe.accounts.create({
      type: "express",
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      metadata: memberTierMetadata(organization.id),
    });
    await tenant((scope) =>
      scope.db
        .insert(connectedAccount)
        .values({ organizationId: scope.organizationId, stripeAccountId: created.id })
        .onConflictDoNothing({ target: connectedAccount.organizationId }),
    );
    account = await readAccount();
    if (!account) throw new Error("the demo's connected account vanished after its insert");
  }
  const stripeAccount = account.stripeAccountId;
  if (!account.chargesEnabled) {
    // The owner's Continue on the stand-in's onboarding page.
    const link = await stripe.accountLinks.create({
      account: stripeAccount,
      type: "account_onboarding",
      ...connectReturnUrls(appUrl, organization.slug),
    });
    const done = await fetch(link.url, { method: "POST", redirect: "manual" });
    if (done.status !== 303) throw new Error(`the stand-in's onboarding answered ${done.status}`);
    const fresh = parseAccount(await stripe.accounts.retrieve(stripeAccount));
    if (!fresh) throw new Error("the stand-in answered an account of an unknown shape");
    await tenant((scope) => applyAccount(scope, fresh, scope.now()));
  }

  const tiers = await tenant((scope) =>
    scope.db.select().from(memberTier).where(eq(memberTier.organizationId, scope.organizationId)),
  );
  let tiersPriced = 0;
  for (const tier of tiers) {
    if (isFreeTier(tier)) continue;
    const missing =
      !tier.stripeProductId ||
      (tier.monthlyPrice !== null && !tier.stripeMonthlyPriceId) ||
      (tier.yearlyPrice !== null && !tier.stripeYearlyPriceId) ||
      (tier.lifetimePrice !== null && !tier.stripeLifetimePriceId);
    if (!missing) continue;
    // The row read back as a tier's fields (the form's schema): a seeded row that is not one is
    // left without prices, as saving it would refuse it.
    const fields = createTierInput.safeParse(tier);
    if (!fields.success) continue;
    const ids = await syncTierStripeCatalog(
      { stripe, organizationId: organization.id },
      stripeAccount,
      tier.id,
      fields.data,
      tier,
    );
    await tenant((scope) =>
      scope.db
        .update(memberTier)
        .set(ids)
        .where(
          and(eq(memberTier.organizationId, scope.organizationId), eq(memberTier.id, tier.id)),
        ),
    );
    tiersPriced += 1;
  }
  return { stripeAccount, tiersPriced };
}
