import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  DESKTOP,
  newUserPage,
  PASSWORD,
  PHONE,
  pageWidth,
  seriousA11yProblems,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// The public pricing page as a visitor meets it, signed out: the catalog's three plans with what
// each includes, monthly and yearly prices (Pro per seat with its trial, Business's lifetime
// price), and the way to start. At 1280 px, then at 390 px, where the cards stack and nothing
// scrolls sideways. Then the other door to the plans: a Free organization's owner whose
// invitation the plan refuses is told which limit and offered the plans.

let visitor: Page;
const flow = browserFlow();

const card = (page: Page, name: string) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, level: 2 }) });

describe("the public pricing page", { concurrent: false }, () => {
  test("a visitor, signed out, sees the plans with monthly prices and what they include", async () => {
    ({ page: visitor } = await newUserPage(flow.browser));
    flow.pages.push(visitor);
    await visitor.setViewportSize(DESKTOP);
    await visitor.goto("/pricing");
    await visitor.getByRole("heading", { name: "Pricing", level: 1 }).waitFor();
    await expect(visitor.title()).resolves.toMatch(/Pricing/);

    const free = card(visitor, "Free");
    await free.getByText("$0, free forever").waitFor();
    await free.getByText("3 staff seats").waitFor();
    await free.getByText("100 community members").waitFor();

    const pro = card(visitor, "Pro");
    await pro.getByText("$12.00 per seat / month").waitFor();
    await pro.getByText("14-day free trial").waitFor();

    const business = card(visitor, "Business");
    await business.getByText("$99.00 / month").waitFor();
    await business.getByText("or $2,990.00 once (lifetime)").waitFor();
    await business.getByText("Unlimited staff seats").waitFor();
  });

  test("yearly prices show when the visitor picks Yearly", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await visitor.getByRole("radio", { name: "Yearly" }).check();
    await card(visitor, "Pro").getByText("$120.00 per seat / year").waitFor();
    await card(visitor, "Business").getByText("$990.00 / year").waitFor();
    await expect(card(visitor, "Pro").getByText("per seat / month").count()).resolves.toBe(0);
  });

  test("Get started leads to sign-up", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await card(visitor, "Pro").getByRole("link", { name: "Get started" }).click();
    await visitor.waitForURL(/\/sign-up/);
    await visitor.goBack();
    await visitor.getByRole("heading", { name: "Pricing", level: 1 }).waitFor();
  });

  test("at 390 px the cards stack, nothing scrolls sideways, and axe finds nothing serious", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await visitor.setViewportSize(PHONE);
    await card(visitor, "Business").getByText("Unlimited staff seats").waitFor();
    await expect(pageWidth(visitor)).resolves.toBe(PHONE.width);
    const [freeBox, proBox] = await Promise.all([
      card(visitor, "Free").boundingBox(),
      card(visitor, "Pro").boundingBox(),
    ]);
    expect(freeBox && proBox && proBox.y >= freeBox.y + freeBox.height).toBe(true);
    await expect(seriousA11yProblems(visitor)).resolves.toEqual([]);
    await visitor.setViewportSize(DESKTOP);
    await expect(seriousA11yProblems(visitor)).resolves.toEqual([]);
  });

  test("an owner on Free refused a fourth staff seat is told why and offered the plans", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const runId = Date.now().toString(36);
    const slug = `pricing-${runId}`;
    const owner = await signUp(flow.browser, {
      name: "Pia Pricing",
      email: uniqueEmail("pia"),
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await owner.setViewportSize(DESKTOP);
    await createOrganization(owner, `Pricing ${runId}`, slug);
    await owner.goto(`/o/${slug}/members`);
    // Free has 3 staff seats: the owner holds one, two admin invitations take the others.
    for (const who of ["ada", "bo", "cy"]) {
      const email = uniqueEmail(who);
      await owner.getByLabel("Email", { exact: true }).fill(email);
      await owner.getByLabel("Role").selectOption("admin");
      await owner.getByRole("button", { name: "Send invitation" }).click();
      if (who !== "cy") await owner.getByText(email).first().waitFor();
    }
    const refusal = owner
      .getByRole("alert")
      .filter({ hasText: "The Free plan includes 3 staff seats" });
    await refusal.getByText("3 are in use").waitFor();
    await refusal.getByRole("link", { name: "See plans" }).click();
    // The refused address is still in the form: the unsaved-changes guard asks first.
    await owner
      .getByRole("dialog", { name: "Leave without saving?" })
      .getByRole("button", { name: "Leave" })
      .click();
    await owner.waitForURL(new RegExp(`/o/${slug}/billing$`));
    await owner.getByRole("heading", { name: "Billing", level: 1 }).waitFor();
  });
});
