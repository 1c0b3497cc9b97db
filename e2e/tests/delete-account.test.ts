import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { browserFlow, signUp, uniqueEmail } from "../support/browser.ts";

// Deleting one's account from the account page: a confirmation and the password, then the
// account is gone (the API's own tests cover the last-owner rule and two-factor).

const PASSWORD = "e2e-password-1234";
let page: Page | undefined;

const flow = browserFlow({ pages: () => [page] });

test("a user deletes their account from the account page", async () => {
  const email = uniqueEmail("gone");
  page = await signUp(flow.browser, { name: "Gone Soon", email, password: PASSWORD });
  const card = () =>
    (page as Page)
      .locator("section")
      .filter({ has: (page as Page).getByRole("heading", { name: "Delete account" }) });

  await page.goto("/account");
  const button = card().getByRole("button", { name: "Delete my account" });
  // Nothing happens by accident: the button waits for the confirmation.
  expect(await button.isDisabled()).toBe(true);
  await card().getByLabel("Password", { exact: true }).fill("not-the-password");
  await card().getByLabel("I understand that this cannot be undone").check();
  await button.click();
  await card().getByText("Wrong password").waitFor();

  await card().getByLabel("Password", { exact: true }).fill(PASSWORD);
  await button.click();
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Wrong email or password.").waitFor();
});
