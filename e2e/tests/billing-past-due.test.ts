import type { Locator, Page } from "playwright-core";
import Stripe from "stripe";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  DESKTOP,
  PASSWORD,
  seriousA11yProblems,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// Billing states that need time to pass, on the server every e2e file shares: the run's Stripe
// stand-in puts each customer on a test clock of its own (STRIPE_STAND_IN_CLOCKS=per-customer),
// so this file moves only its own organization's clock, with the SDK's testClocks.advance.
// A Pro trial started with a card that fails later reaches its end: the renewal fails, the
// past-due banner offers to pay, the owner pays the hosted invoice and the banner goes. Then a
// lifetime Business plan: the billing screen says Lifetime, with no renewal and no cancel.

const runId = Date.now().toString(36);
const slug = `past-due-${runId}`;
const lifetimeSlug = `lifetime-${runId}`;

let owner: Page;
let checkoutUrl: URL;
const flow = browserFlow();

const currentPlan = (page: Page) =>
  page.locator("section", { has: page.getByRole("heading", { name: "Current plan", level: 2 }) });
const pastDueBanner = (page: Page) =>
  page.getByRole("alert").filter({ hasText: "The last payment for Pro failed." });

/** The stand-in through the real SDK, at the origin its hosted checkout page was served from. */
function standInClient(url: URL): Stripe {
  return new Stripe("sk_test_e2e", {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

/** Reloads until `locator` is visible or hidden: Stripe's webhook reaches the server in its time. */
async function reloadUntil(page: Page, locator: Locator, state: "visible" | "hidden") {
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        return locator.waitFor({ state, timeout: 2_000 }).then(
          () => true,
          () => false,
        );
      },
      { timeout: 45_000, interval: 500 },
    )
    .toBe(true);
}

describe("billing time: past due, and a lifetime plan", { concurrent: false }, () => {
  test("a Pro trial with a card that fails later starts", async () => {
    owner = await signUp(flow.browser, {
      name: "Pat Pastdue",
      email: uniqueEmail("pat"),
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await owner.setViewportSize(DESKTOP);
    await createOrganization(owner, `Past due ${runId}`, slug);
    await owner.goto(`/o/${slug}/billing`);
    await owner.getByRole("button", { name: "Upgrade to Pro (monthly)" }).click();
    await owner.getByRole("heading", { name: "Subscribe" }).waitFor();
    checkoutUrl = new URL(owner.url());
    await owner
      .getByRole("button", { name: "Start trial with a card that fails later", exact: true })
      .click();
    await owner.waitForURL(new RegExp(`/o/${slug}/billing\\?checkout=success`));
    await currentPlan(owner).getByText("Trial", { exact: true }).waitFor({ timeout: 30_000 });
    await currentPlan(owner).getByTestId("current-plan").getByText("Pro").waitFor();
    expect(await pastDueBanner(owner).count()).toBe(0);
  });

  test("at the trial's end on its own clock the payment fails, and the banner offers to pay", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const stripe = standInClient(checkoutUrl);
    const sessionId = checkoutUrl.pathname.split("/").at(-1) ?? "";
    const session = await stripe.checkout.sessions.retrieve(sessionId, {
      expand: ["customer", "subscription"],
    });
    const { customer, subscription } = session;
    if (typeof customer !== "object" || customer === null || "deleted" in customer)
      throw new Error("the checkout's customer was not expanded");
    if (typeof subscription !== "object" || subscription === null)
      throw new Error("the checkout's subscription was not expanded");
    const clockId = customer.test_clock;
    if (typeof clockId !== "string") throw new Error("the organization's customer has no clock");
    expect(customer.metadata.organization_id).toBeTruthy();
    const trialEnd = subscription.trial_end;
    if (trialEnd === null) throw new Error("no trial");

    const advanced = await stripe.testHelpers.testClocks.advance(clockId, {
      frozen_time: trialEnd + 3600,
    });
    expect(advanced.status).toBe("ready");
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("past_due");

    await reloadUntil(owner, pastDueBanner(owner), "visible");
    const banner = pastDueBanner(owner);
    await banner.getByRole("link", { name: "Update payment" }).waitFor();
    await banner.getByRole("link", { name: /^Pay \$12\.00/ }).waitFor();
    await currentPlan(owner).getByText("Past due", { exact: true }).waitFor();
    expect(await seriousA11yProblems(owner)).toEqual([]);
  });

  test("paying the invoice on Stripe's page clears the banner", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const [invoicePage] = await Promise.all([
      owner.waitForEvent("popup"),
      pastDueBanner(owner)
        .getByRole("link", { name: /^Pay \$12\.00/ })
        .click(),
    ]);
    await invoicePage.getByRole("button", { name: "Pay $12.00", exact: true }).click();
    await invoicePage.getByText("paid", { exact: true }).waitFor();
    await invoicePage.close();

    await reloadUntil(owner, pastDueBanner(owner), "hidden");
    await currentPlan(owner).getByText("Active", { exact: true }).waitFor();
  });

  test("a lifetime plan shows as Lifetime, with no renewal and no cancel", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await createOrganization(owner, `Lifetime ${runId}`, lifetimeSlug);
    await owner.goto(`/o/${lifetimeSlug}/billing`);
    await owner.getByRole("button", { name: "Buy lifetime Business" }).click();
    await owner.getByRole("button", { name: "Pay", exact: true }).click();
    await owner.waitForURL(new RegExp(`/o/${lifetimeSlug}/billing\\?checkout=success`));
    const plan = currentPlan(owner);
    await plan.getByTestId("current-plan").getByText("Business").waitFor({ timeout: 30_000 });
    await plan.getByText("Lifetime", { exact: true }).waitFor();
    await plan.getByText("Paid once: it never renews and never expires.").waitFor();
    await plan.getByText("None scheduled").waitFor();
    expect(await plan.getByRole("button", { name: "Cancel plan" }).count()).toBe(0);
    expect(await plan.getByRole("button", { name: "Resume plan" }).count()).toBe(0);
    // The other plans stay listed, not for sale to an organization that owns one for life.
    const others = await owner.getByRole("button", { name: /^(Upgrade to|Buy lifetime)/ }).all();
    expect(others.length).toBeGreaterThan(0);
    for (const button of others) expect(await button.isDisabled()).toBe(true);
  });
});
