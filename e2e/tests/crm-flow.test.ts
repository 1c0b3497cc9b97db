import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  linkFromMailbox,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// The whole story of the foundation, as three people in two browsers' worth of profiles:
// A signs up, creates an organization, works a lead through the pipeline and invites B; B joins
// as a plain member and finds no CRM until A grants B CRM access, then sees the lead; C, in
// another organization, gets "Not found" for the same URL.
// Each step builds on the one before, so a failed step skips the rest instead of piling up.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgName = `Acme ${runId}`;
const orgSlug = `acme-${runId}`;
const leadName = `Ada Lovelace ${runId}`;

let alice: Page;
const aliceEmail = uniqueEmail("alice");
let leadUrl = "";
let bob: Page;
const bobName = "Bob Example";

async function signUpAndVerify(name: string, email: string): Promise<Page> {
  const page = await signUp(flow.browser, { name, email, password: PASSWORD });
  flow.pages.push(page);
  return page;
}

const flow = browserFlow();

describe("sign up → organization → lead → pipeline → invitation → isolation", {
  concurrent: false,
}, () => {
  test("A signs up and verifies the email through the link in the dev mailbox", async () => {
    alice = await signUpAndVerify("Alice Example", aliceEmail);
  });

  test("A creates an organization and lands on its dashboard", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await createOrganization(alice, orgName, orgSlug);
    await alice.getByRole("button", { name: "Sign out" }).waitFor();
    for (const link of [
      "Home",
      "Leads",
      "Pipeline",
      "Tasks",
      "Members",
      "Settings",
      "Notifications",
    ])
      await expect(alice.getByRole("link", { name: link }).first().isVisible()).resolves.toBe(true);
  });

  test("A adds a lead", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await alice.getByRole("link", { name: "Leads" }).first().click();
    await alice.waitForURL(`**/o/${orgSlug}/leads`);
    await alice.getByRole("heading", { name: "Leads" }).waitFor();
    await alice
      .getByRole("link", { name: "New lead" })
      .or(alice.getByRole("button", { name: "New lead" }))
      .click();
    await alice.getByLabel("Name", { exact: true }).fill(leadName);
    await alice.getByLabel("Email", { exact: true }).fill(`ada-${runId}@example.com`);
    await alice.getByLabel("Company").fill("Analytical Engines Ltd");
    await alice.getByLabel("Phone").fill("+44 20 7946 0000");
    await alice.getByLabel("Value").fill("1250");
    await alice.getByLabel("Source").selectOption("referral");
    await alice.getByLabel("Notes").fill("Met at the e2e conference.");
    await alice.getByRole("button", { name: "Save lead" }).click();

    // Saving may open the lead or go back to the list; either way, end on the lead's own page.
    const heading = alice.getByRole("heading", { level: 1, name: leadName });
    const listLink = alice.getByRole("link", { name: leadName });
    await heading.or(listLink).first().waitFor();
    if (!(await heading.isVisible())) await listLink.first().click();
    await heading.waitFor();
    await alice.waitForURL(new RegExp(`/o/${orgSlug}/leads/[^/]+$`));
    leadUrl = new URL(alice.url()).pathname;
  });

  test("A moves the lead through the pipeline", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const status = alice.getByLabel("Status", { exact: true });
    for (const next of ["contacted", "qualified", "proposal"]) {
      // The change is saved on its own (no save button): wait for the mutation to answer.
      const saved = alice.waitForResponse(
        (r) => r.request().method() === "POST" && r.url().includes("/api/trpc/"),
      );
      await status.selectOption(next);
      expect((await saved).ok()).toBe(true);
    }
    await alice.reload();
    await expect
      .poll(() => alice.getByLabel("Status", { exact: true }).inputValue())
      .toBe("proposal");

    await alice.getByRole("link", { name: "Pipeline" }).first().click();
    await alice.getByRole("heading", { name: "Pipeline" }).waitFor();
    // The board has one column per status, headed by the status name and its count.
    const proposal = alice
      .getByRole("listitem")
      .filter({ has: alice.getByRole("heading", { level: 2, name: /^Proposal\b/ }) });
    await proposal.getByRole("link", { name: leadName }).waitFor();
  });

  test("A reads the lead's history on its page, newest first", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await alice.goto(leadUrl);
    const entries = alice.getByRole("list", { name: "Timeline" }).getByRole("listitem");
    await entries.first().waitFor();
    const texts = await entries.allInnerTexts();
    expect(texts).toHaveLength(4);
    expect(texts[0]).toMatch(/^Alice Example changed the status from Qualified to Proposal\b/);
    expect(texts[1]).toMatch(/^Alice Example changed the status from Contacted to Qualified\b/);
    expect(texts[2]).toMatch(/^Alice Example changed the status from New to Contacted\b/);
    expect(texts[3]).toMatch(/^Alice Example added the lead\b/);
    // An edit lands on top, naming what changed.
    await alice.getByRole("link", { name: "Edit", exact: true }).click();
    await alice.getByLabel("Company").fill("Difference Engines Ltd");
    await alice.getByLabel("Value").fill("1500");
    await alice.getByRole("button", { name: "Save lead" }).click();
    await alice.getByRole("heading", { level: 1, name: leadName, exact: true }).waitFor();
    await expect
      .poll(() => entries.first().textContent())
      .toMatch(/^Alice Example changed the company and the value/);
  });

  test("A invites B; B signs up, accepts the invitation and finds no CRM", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const bobEmail = uniqueEmail("bob");
    await alice.getByRole("link", { name: "Members" }).first().click();
    await alice.getByRole("heading", { name: "Members" }).waitFor();
    await alice.getByLabel("Email", { exact: true }).fill(bobEmail);
    await alice.getByLabel("Role").selectOption("member");
    await alice.getByRole("button", { name: "Send invitation" }).click();
    await alice.getByText(bobEmail).first().waitFor();
    const invitationLink = await linkFromMailbox(bobEmail, /invit/i);
    expect(invitationLink).toMatch(/\/invitations\/[^/]+$/);

    bob = await signUpAndVerify(bobName, bobEmail);
    await bob.goto(invitationLink);
    await bob.getByRole("button", { name: "Accept invitation" }).click();
    await bob.waitForURL(new RegExp(`/o/${orgSlug}(/|$)`));

    // The CRM is staff-only: a plain member lands on their home feed, is not offered the CRM,
    // and its address says why.
    const nav = bob.getByRole("navigation", { name: "Organization" });
    await nav.getByRole("link", { name: "Search" }).waitFor();
    await expect(nav.getByRole("link", { name: "Leads" }).count()).resolves.toBe(0);
    await expect(nav.getByRole("link", { name: "Pipeline" }).count()).resolves.toBe(0);
    await expect(nav.getByRole("link", { name: "Tasks" }).count()).resolves.toBe(0);
    await bob.getByRole("region", { name: "Home feed" }).waitFor();
    await bob.goto(leadUrl);
    await bob.getByRole("heading", { name: "No CRM access" }).waitFor();
    await expect(bob.getByText(leadName).count()).resolves.toBe(0);
  });

  test("A grants B CRM access from the members screen; B then sees the lead", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await alice.reload();
    await alice.getByRole("heading", { name: "Members" }).waitFor();
    const granted = alice.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().includes("member.setCrmAccess"),
    );
    await alice.getByRole("checkbox", { name: `CRM access for ${bobName}` }).check();
    expect((await granted).ok()).toBe(true);

    await bob.goto(leadUrl);
    await bob.getByRole("heading", { level: 1, name: leadName }).waitFor();
    const nav = bob.getByRole("navigation", { name: "Organization" });
    await nav.getByRole("link", { name: "Leads" }).waitFor();
    await nav.getByRole("link", { name: "Pipeline" }).waitFor();
    await nav.getByRole("link", { name: "Tasks" }).waitFor();
  });

  test("C, in another organization, gets Not found for A's lead", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const carol = await signUpAndVerify("Carol Example", uniqueEmail("carol"));
    await createOrganization(carol, `Other ${runId}`, `other-${runId}`);
    await carol.goto(leadUrl);
    await carol.getByText("Not found").first().waitFor();
    await expect(carol.getByText(leadName).count()).resolves.toBe(0);
  });

  test("A signs out and signs back in to the organization", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await alice.getByRole("button", { name: "Sign out" }).click();
    await alice.waitForURL(/\/sign-in/);
    await alice.getByLabel("Email", { exact: true }).fill(aliceEmail);
    await alice.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await alice.getByRole("button", { name: "Sign in" }).click();
    await alice.waitForURL(new RegExp(`/o/${orgSlug}(/|$)`));
    await alice.getByRole("link", { name: "Home" }).first().waitFor();
  });
});
