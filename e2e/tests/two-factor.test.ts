import { totpCode } from "@guild/auth/testing";
import type { Page } from "playwright-core";
import { encode } from "uqr";
import { expect, test } from "vitest";
import { browserFlow, signUp, uniqueEmail } from "../support/browser.ts";

// Two-factor from the account page, as a user does it with a phone: scan the QR code (here: read
// the setup link it encodes), confirm a code, then sign in again through the code challenge.

const PASSWORD = "e2e-password-1234";
let page: Page | undefined;

const flow = browserFlow({ pages: () => [page] });

test("a user turns on two-factor with the QR code and then signs in with a code", async () => {
  const email = uniqueEmail("dora");
  page = await signUp(flow.browser, { name: "Dora Example", email, password: PASSWORD });
  await page.goto("/account");
  const card = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Two-factor authentication" }) });
  await card.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await card.getByRole("button", { name: "Set up two-factor" }).click();

  const qr = card.getByRole("img", { name: "QR code of the two-factor setup link" });
  await qr.waitFor();
  // Big enough for a phone camera, and it encodes exactly the setup link: the dark modules drawn
  // are the ones a QR encoder produces for that text.
  const box = await qr.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(150);
  const setupLink = await card.getByRole("textbox", { name: "Setup link" }).inputValue();
  expect(setupLink).toMatch(/^otpauth:\/\/totp\//);
  const drawn = [...((await qr.locator("path").getAttribute("d")) ?? "").matchAll(/M(\d+) (\d+)/g)]
    .map(([, x, y]) => `${x},${y}`)
    .sort();
  const expected = encode(setupLink, { border: 2, ecc: "M" })
    .data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`${x},${y}`] : [])))
    .sort();
  expect(drawn.length).toBeGreaterThan(100);
  expect(drawn).toEqual(expected);

  await card.getByLabel("Authentication code").fill(totpCode(setupLink));
  await card.getByRole("button", { name: "Verify and turn on" }).click();
  await card.getByText("Two-factor authentication is").getByText("on", { exact: true }).waitFor();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/two-factor/);
  await page.getByLabel("Authentication code").fill(totpCode(setupLink));
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await page.waitForURL((url) => !/\/(two-factor|sign-in)/.test(url.pathname));
  await page.goto("/account");
  await card.getByText("Two-factor authentication is").getByText("on", { exact: true }).waitFor();
});
