import type { Response } from "playwright-core";
import { expect, test } from "vitest";
import { browserFlow, newUserPage } from "../support/browser.ts";

const flow = browserFlow();

test("a signed-out visit to an organization redirects to sign-in", async () => {
  const { page } = await newUserPage(flow.browser);
  await page.goto("/o/demo");
  await page.waitForURL(/\/sign-in/);
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  await expect(page.getByLabel("Email", { exact: true }).isVisible()).resolves.toBe(true);
  await expect(page.getByLabel("Password", { exact: true }).isVisible()).resolves.toBe(true);
});

test("the app's code and styles arrive compressed and cacheable", async () => {
  const { page } = await newUserPage(flow.browser);
  const assets: Response[] = [];
  page.on("response", (response) => {
    if (/\/assets\/.+\.(js|css)$/.test(response.url())) assets.push(response);
  });
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  const big = [];
  for (const asset of assets) {
    expect(asset.headers()["cache-control"], asset.url()).toContain("immutable");
    // The build compresses every file over 1 KB; the tiny runtime chunk is sent as is.
    if ((await asset.body()).length > 1024) big.push(asset);
  }
  expect(big.length).toBeGreaterThanOrEqual(3);
  for (const asset of big)
    expect(asset.headers()["content-encoding"], asset.url()).toMatch(/^(br|gzip)$/);
  // No source maps in production: the bundles don't point at them and the server refuses them.
  for (const asset of assets.filter((a) => a.url().endsWith(".js"))) {
    expect((await asset.text()).includes("sourceMappingURL"), asset.url()).toBe(false);
    expect((await page.request.get(`${asset.url()}.map`)).status(), asset.url()).toBe(404);
  }
});

test("the pages log no errors: nothing the Content-Security-Policy refuses", async () => {
  const { page } = await newUserPage(flow.browser);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  // A form checked by the API's zod schemas on the way: zod probed for eval (new Function),
  // which the policy refuses, and Chromium logged the refusal on every page.
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByRole("button", { name: "Sign up" }).waitFor();
  await page.getByLabel("Email", { exact: true }).fill("not-an-address");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.goto("/forgot-password");
  await page.getByRole("heading", { level: 1 }).waitFor();
  expect(errors).toEqual([]);
});
