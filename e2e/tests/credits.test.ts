import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  baseURL,
  browserFlow,
  createOrganization,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// Credits as a member meets them: the sign-up bonus on their first organization, with its running
// balance; nothing in their second (once per person); "Load more" through a long history; an
// admin's bonus through the form; and the screen at 390 px. Each step builds on the one before.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const firstSlug = `credits-${runId}`;
const secondSlug = `credits-2-${runId}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let page: Page;
let memberId = "";

const flow = browserFlow();

const history = () => page.getByRole("region", { name: "Credit history" });

describe("credits: balance and history", { concurrent: false }, () => {
  test("a new person's first organization starts them with the welcome bonus", async () => {
    page = await signUp(flow.browser, {
      name: "Cora Credits",
      email: uniqueEmail("cora"),
      password: PASSWORD,
    });
    flow.pages.push(page);
    await page.setViewportSize(DESKTOP);
    await createOrganization(page, `Credits ${runId}`, firstSlug);
    await page
      .getByRole("navigation", { name: "Organization" })
      .getByRole("link", { name: "Credits", exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: "Credits" }).waitFor();
    await page.getByText("10 credits", { exact: true }).waitFor();
    await page.getByText("None of them expire.").waitFor();
    await history().getByText("Welcome bonus", { exact: true }).waitFor();
    await history().getByText("Balance 10").waitFor();
  });

  test("their second organization gives no second bonus", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await createOrganization(page, `Credits two ${runId}`, secondSlug);
    await page.goto(`/o/${secondSlug}/credits`);
    await page.getByText("0 credits", { exact: true }).waitFor();
    await page.getByText("No credits yet").waitFor();
  });

  test("a long history loads page by page, each entry with the balance after it", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    // 24 admin bonuses of 1 through the API (there is no form for them yet), as the owner.
    const call = async (path: string, input: unknown, method: "GET" | "POST") => {
      const headers = {
        "x-guild-org": firstSlug,
        origin: baseURL,
        "content-type": "application/json",
      };
      const response =
        method === "POST"
          ? await page.request.post(`/api/trpc/${path}`, { headers, data: { json: input } })
          : await page.request.get(
              `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
              { headers },
            );
      expect(response.status()).toBe(200);
      return response.json();
    };
    const balance = await call("credit.balance", {}, "GET");
    memberId = balance.result.data.json.memberId;
    for (let i = 1; i <= 24; i++)
      await call(
        "credit.adminGrant",
        { memberId, amount: 1, description: `Bonus ${i}`, idempotencyKey: `e2e-${runId}-${i}` },
        "POST",
      );
    await page.goto(`/o/${firstSlug}/credits`);
    await page.getByText("34 credits", { exact: true }).waitFor();
    await history().getByText("Bonus 24", { exact: true }).waitFor();
    await expect(history().getByText("Welcome bonus", { exact: true }).count()).resolves.toBe(0);
    await history().getByRole("button", { name: "Load more" }).click();
    await history().getByText("Welcome bonus", { exact: true }).waitFor();
    await expect(history().getByRole("listitem").count()).resolves.toBe(25);
    await expect(history().getByRole("button", { name: "Load more" }).count()).resolves.toBe(0);
  });

  test("an admin gives credits with a reason, checked before it is sent", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const form = page
      .getByRole("region", { name: "Give credits" })
      .or(page.locator("section", { has: page.getByRole("heading", { name: "Give credits" }) }));
    await form.getByLabel("Credits").fill("5");
    await form.getByRole("button", { name: "Give credits" }).click();
    await form.getByText("Say what it is for").waitFor();
    await form.getByLabel("Reason").fill("Thanks for the e2e run");
    await form.getByRole("button", { name: "Give credits" }).click();
    await page.getByText("Gave 5 credits to yourself.").waitFor();
    await page.getByText("39 credits", { exact: true }).waitFor();
    await history().getByText("Thanks for the e2e run", { exact: true }).waitFor();
    await history().getByText("Balance 39").waitFor();
  });

  test("fits a phone: nothing scrolls sideways", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize(PHONE);
    await page.getByText("39 credits", { exact: true }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
