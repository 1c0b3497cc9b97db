import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, newUserPage } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test("a signed-out visit to an organization redirects to sign-in", async () => {
  const { page } = await newUserPage(browser);
  await page.goto("/o/demo");
  await page.waitForURL(/\/sign-in/);
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  await expect(page.getByLabel("Email", { exact: true }).isVisible()).resolves.toBe(true);
  await expect(page.getByLabel("Password", { exact: true }).isVisible()).resolves.toBe(true);
});
