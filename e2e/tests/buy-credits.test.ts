import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  DESKTOP,
  linkFromMailbox,
  newUserPage,
  PASSWORD,
  PHONE,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// "Buy credits" as a member meets it (issue 10): an invited member (not staff) opens Credits,
// chooses the 200-credit pack, pays on the local Stripe stand-in's hosted checkout (the e2e
// server has no STRIPE_SECRET_KEY), comes back to Credits, and their balance rises from the
// welcome bonus's 10 to 210 once the signed webhook has been processed; their payment history
// lists the purchase. Then the screen at 390 px, and a canceled checkout that charges nothing.

const runId = Date.now().toString(36);
const slug = `buy-${runId}`;
const orgName = `Buy credits ${runId}`;
const memberEmail = uniqueEmail("bo");

let owner: Page;
let buyer: Page;

const flow = browserFlow();

const payments = () => buyer.getByRole("region", { name: "Your payments" });

describe("buy credits", { concurrent: false }, () => {
  test("an invited member joins and starts with the welcome bonus", async () => {
    owner = await signUp(flow.browser, {
      name: "Owen Owner",
      email: uniqueEmail("owen"),
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await createOrganization(owner, orgName, slug);
    await owner.goto(`/o/${slug}/members`);
    await owner.getByLabel("Email", { exact: true }).fill(memberEmail);
    await owner.getByLabel("Role").selectOption("member");
    await owner.getByRole("button", { name: "Send invitation" }).click();
    await owner.getByText(memberEmail).first().waitFor();
    const link = await linkFromMailbox(memberEmail, /invit/i);

    ({ page: buyer } = await newUserPage(flow.browser));
    flow.pages.push(buyer);
    await buyer.setViewportSize(DESKTOP);
    await buyer.goto(link);
    await buyer.getByLabel("Name", { exact: true }).fill("Bo Buyer");
    await buyer.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await buyer.getByRole("button", { name: "Sign up" }).click();
    await buyer.getByRole("button", { name: "Accept invitation" }).click();
    await buyer.waitForURL(new RegExp(`/o/${slug}$`));
    await buyer
      .getByRole("navigation", { name: "Organization" })
      .getByRole("link", { name: "Credits", exact: true })
      .click();
    await buyer.getByRole("heading", { level: 1, name: "Credits" }).waitFor();
    await buyer.getByText("10 credits", { exact: true }).waitFor();
    await payments().getByText("No payments yet").waitFor();
  });

  test("they buy 200 credits through the checkout page, and the balance rises", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const pack = buyer.getByRole("radio", { name: /200 credits/ });
    // With the keyboard: the packs are one radio group.
    await buyer.getByRole("radio", { name: /^50 credits/ }).focus();
    await buyer.keyboard.press("ArrowRight");
    await expect(pack.isChecked()).resolves.toBe(true);
    await buyer.getByRole("button", { name: "Buy credits" }).click();
    // The stand-in's hosted checkout.
    await buyer.waitForURL(/\/checkout\/cs_test_/);
    await buyer.getByText("$15.00").first().waitFor();
    await buyer.getByRole("button", { name: "Pay", exact: true }).click();
    // Back on Credits; the payment lands through the webhook, then the balance shows it.
    await buyer.waitForURL(new RegExp(`/o/${slug}/credits\\?checkout=cs_test_`));
    await buyer.getByText("Payment received: 200 credits were added to your balance.").waitFor();
    await buyer.getByText("210 credits", { exact: true }).waitFor();
    const history = buyer.getByRole("region", { name: "Credit history" });
    await history.getByText("Bought 200 credits").waitFor();
    await history.getByText("Balance 210").waitFor();
    await payments().getByText("200 credits", { exact: true }).waitFor();
    await payments().getByText("$15.00").waitFor();
    await payments().getByText("Paid", { exact: true }).waitFor();
  });

  test("reloaded, the balance stays the same (granted once)", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await buyer.reload();
    await buyer.getByText("210 credits", { exact: true }).waitFor();
    await buyer.getByRole("button", { name: "Dismiss" }).click();
    await buyer.waitForURL(new RegExp(`/o/${slug}/credits$`));
  });

  test("the owner sees the purchase among the organization's payments in billing settings, the member does not", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await owner.goto(`/o/${slug}/billing`);
    const organization = owner.getByRole("region", { name: "Organization payments" });
    await organization.getByText(/Bo Buyer/).waitFor();
    await organization.getByText("$15.00").waitFor();
    await expect(
      buyer.getByRole("region", { name: "Organization payments" }).count(),
    ).resolves.toBe(0);
  });

  test("at 390 px a canceled checkout charges nothing", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await buyer.setViewportSize(PHONE);
    await buyer.getByRole("radio", { name: /^50 credits/ }).check();
    const buy = buyer.getByRole("button", { name: "Buy credits" });
    const box = await buy.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await buy.click();
    await buyer.waitForURL(/\/checkout\/cs_test_/);
    await buyer.getByRole("link", { name: "Cancel and go back" }).click();
    await buyer.waitForURL(new RegExp(`/o/${slug}/credits\\?checkout=canceled$`));
    await buyer.getByText("Checkout canceled: nothing was charged.").waitFor();
    await buyer.getByText("210 credits", { exact: true }).waitFor();
  });
});
