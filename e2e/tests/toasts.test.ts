import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  linkFromMailbox,
  newUserPage,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// What comes and goes after a removal is a toast in the Messages region, and keyboard focus
// lands next to where the removed row was instead of the page's start: an invitation revoked, a
// member removed, another device's session signed out. (A deleted attachment: files.test.ts.)
// Each step builds on the one before, so a failed step skips the rest.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgName = `Toasts ${runId}`;
const orgSlug = `toasts-${runId}`;
const ownerEmail = uniqueEmail("olga");

let owner: Page;

const flow = browserFlow();

const messages = () => owner.getByRole("region", { name: /^Messages/ });
const focusedText = () => owner.evaluate(() => document.activeElement?.textContent ?? "");

describe("toasts after removals", { concurrent: false }, () => {
  test("an owner creates an organization", async () => {
    owner = await signUp(flow.browser, {
      name: "Olga Owner",
      email: ownerEmail,
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await createOrganization(owner, orgName, orgSlug);
  });

  test("revoking an invitation says so in a toast; focus goes to the list's heading", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const invitee = uniqueEmail("ivan");
    await owner.goto(`/o/${orgSlug}/members`);
    await owner.getByLabel("Email", { exact: true }).fill(invitee);
    await owner.getByRole("button", { name: "Send invitation" }).click();
    const revoke = owner.getByRole("button", { name: `Revoke the invitation of ${invitee}` });
    await revoke.click();
    await messages().getByText(`Revoked the invitation of ${invitee}.`).waitFor();
    await revoke.waitFor({ state: "detached" });
    await expect.poll(focusedText).toBe("Pending invitations");
  });

  test("removing a member says so in a toast; focus goes to the search", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const bobEmail = uniqueEmail("bob");
    await owner.getByLabel("Email", { exact: true }).fill(bobEmail);
    await owner.getByRole("button", { name: "Send invitation" }).click();
    await owner.getByText(bobEmail).first().waitFor();
    const invitation = await linkFromMailbox(bobEmail, /invit/i);
    const bob = await signUp(flow.browser, {
      name: "Bob Leaving",
      email: bobEmail,
      password: PASSWORD,
    });
    flow.pages.push(bob);
    await bob.goto(invitation);
    await bob.getByRole("button", { name: "Accept invitation" }).click();
    await bob.waitForURL(new RegExp(`/o/${orgSlug}(/|$)`));

    await owner.reload();
    const remove = owner.getByRole("button", { name: "Remove Bob Leaving" });
    await remove.click();
    await owner.getByRole("dialog").getByRole("button", { name: "Remove", exact: true }).click();
    await messages().getByText(`Removed Bob Leaving from ${orgName}.`).waitFor();
    await remove.waitFor({ state: "detached" });
    await expect.poll(() => owner.evaluate(() => document.activeElement?.id)).toBe("member-search");
  });

  test("signing out another device says so in a toast; focus goes to the sessions", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const { page: other } = await newUserPage(flow.browser);
    flow.pages.push(other);
    await other.goto("/sign-in");
    await other.getByLabel("Email", { exact: true }).fill(ownerEmail);
    await other.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.waitForURL((url) => !url.pathname.startsWith("/sign-in"));

    await owner.goto("/account");
    const revoke = owner.getByRole("button", { name: /^Revoke the session of/ });
    await revoke.first().waitFor();
    const count = await revoke.count();
    await revoke.first().click();
    await messages()
      .getByText(/^Signed out .+, signed in .+\.$/)
      .waitFor();
    await expect.poll(() => revoke.count()).toBe(count - 1);
    await expect
      .poll(() => owner.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Sessions");
  });
  test("a sign-out that fails says so in a toast, from the sidebar and from the palette", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await owner.setViewportSize({ width: 1280, height: 800 });
    await owner.goto(`/o/${orgSlug}`);
    const sidebar = owner.getByRole("complementary", { name: "Sidebar" });
    await sidebar.getByRole("link", { name: "Home" }).waitFor();
    // The server cannot be reached for this one request.
    await owner.route("**/api/auth/sign-out", (route) => route.abort());
    await sidebar.getByRole("button", { name: "Sign out" }).click();
    const failed = messages().getByText(/^Could not sign out: /);
    await failed.waitFor();
    expect(new URL(owner.url()).pathname).toBe(`/o/${orgSlug}`);
    await failed.waitFor({ state: "detached" });

    await owner.keyboard.press("Control+k");
    const palette = owner.getByRole("dialog", { name: "Command palette" });
    await palette.getByRole("combobox").fill("sign out");
    await palette.getByRole("option", { name: "Sign out" }).click();
    await failed.waitFor();
    expect(new URL(owner.url()).pathname).toBe(`/o/${orgSlug}`);

    // Reachable again, the same button signs out.
    await owner.unroute("**/api/auth/sign-out");
    await sidebar.getByRole("button", { name: "Sign out" }).click();
    await owner.waitForURL(/\/sign-in/);
  });
});
