import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  baseURL,
  browserFlow,
  createOrganization,
  linkFromMailbox,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";
import { compPlan } from "../support/operator.ts";
import { idOf, trpc } from "../support/trpc.ts";

// The members screen on the shared data table, as an owner runs a growing club: sort by a column
// header, filter by role in the address, hide a column (kept on the server), move between rows
// with the keyboard, select every member a filter matches and give them a role in one action
// (owners and the owner themselves left alone), and on a phone the same list as cards whose
// names read across, with the filters in a sheet. Each step builds on the last.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgSlug = `people-${runId}`;
const ownerName = `Olive Owner ${runId}`;
/** Joiners, by name order: Ada, Bruno, Cleo (members), then Dora (a moderator). */
const joiners = [
  { name: `Ada Alder ${runId}`, role: "member" },
  { name: `Bruno Birch ${runId}`, role: "member" },
  { name: `Cleo Cedar ${runId}`, role: "member" },
  { name: `Dora Dogwood ${runId}`, role: "moderator" },
] as const;

let page: Page;

const flow = browserFlow();

/** Someone invited to the organization, signed up and verified, who accepts: a new member. */
async function join(name: string, role: string) {
  const email = uniqueEmail(name.split(" ")[0]!.toLowerCase());
  const invitationId = idOf(
    await trpc(page.request, "invitation.create", { email, role }, orgSlug),
  );
  const context = await flow.browser.newContext({ baseURL });
  try {
    const signedUp = await context.request.post("/api/auth/sign-up/email", {
      data: { name, email, password: PASSWORD },
    });
    if (!signedUp.ok()) throw new Error(`sign-up: ${signedUp.status()}`);
    await context.request.get(await linkFromMailbox(email, /verify/i));
    await trpc(context.request, "me.invitations.accept", { id: invitationId });
  } finally {
    await context.close();
  }
}

const table = () => page.getByRole("table", { name: /^Members, sorted by/ });
const bodyRows = () => table().locator("tbody tr[data-row-index]");
const rowNames = () =>
  bodyRows().evaluateAll((rows) =>
    rows.map((row) => row.querySelector("td:nth-child(2) p")?.firstChild?.textContent ?? ""),
  );
const focusedRow = () =>
  page.evaluate(() => document.activeElement?.getAttribute("data-row-index") ?? null);
const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

describe("the members data table", { concurrent: false }, () => {
  test("an owner with four people who joined sees them all and the total", async () => {
    page = await signUp(flow.browser, {
      name: ownerName,
      email: uniqueEmail("olive"),
      password: PASSWORD,
    });
    flow.pages.push(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await createOrganization(page, `People ${runId}`, orgSlug);
    for (const joiner of joiners) await join(joiner.name, joiner.role);
    await page.goto(`/o/${orgSlug}/members`);
    await page.getByText("5 members", { exact: true }).waitFor();
    await expect(bodyRows().count()).resolves.toBe(5);
    expect(await pageWidth()).toBeLessThanOrEqual(1280);
  });

  test("sorts by a column header, on the server, and keeps the order in the address", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await expect
      .poll(rowNames)
      .toEqual([joiners[0].name, joiners[1].name, joiners[2].name, joiners[3].name, ownerName]);
    const name = table().getByRole("columnheader", { name: "Name" });
    await expect(name.getAttribute("aria-sort")).resolves.toBe("ascending");
    await name.getByRole("button").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("dir")).toBe("desc");
    await expect.poll(async () => (await rowNames())[0]).toBe(ownerName);
    await expect(name.getAttribute("aria-sort")).resolves.toBe("descending");
    // By role: the owner first, then the moderator, then the members.
    await table().getByRole("columnheader", { name: "Role" }).getByRole("button").click();
    await expect
      .poll(async () => (await rowNames()).slice(0, 2))
      .toEqual([ownerName, joiners[3].name]);
    await page.reload();
    await expect
      .poll(async () => (await rowNames()).slice(0, 2))
      .toEqual([ownerName, joiners[3].name]);
  });

  test("hides a column, and it stays hidden after a reload", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await table().getByRole("columnheader", { name: "Joined" }).waitFor();
    await page.getByRole("button", { name: "Columns" }).click();
    const saved = page.waitForResponse((r) => r.url().includes("dataTable.setPreference"));
    await page.getByRole("menuitemcheckbox", { name: "Joined" }).click();
    expect((await saved).ok()).toBe(true);
    await page.keyboard.press("Escape");
    await table().getByRole("columnheader", { name: "Joined" }).waitFor({ state: "detached" });
    await page.reload();
    await table().getByRole("columnheader", { name: "Role" }).waitFor();
    await expect(table().getByRole("columnheader", { name: "Joined" }).count()).resolves.toBe(0);
  });

  test("filters by role in the address, and moves between rows with the keyboard", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/members?role=${encodeURIComponent('["member"]')}`);
    await page.getByText("3 members", { exact: true }).waitFor();
    await expect.poll(rowNames).toEqual(joiners.slice(0, 3).map((j) => j.name));
    await page.keyboard.press("j");
    expect(await focusedRow()).toBe("0");
    await page.keyboard.press("j");
    expect(await focusedRow()).toBe("1");
    await page.keyboard.press("ArrowDown");
    expect(await focusedRow()).toBe("2");
    await page.keyboard.press("k");
    expect(await focusedRow()).toBe("1");
    await page.keyboard.press("x");
    await expect(page.getByLabel(`Select ${joiners[1].name}`).isChecked()).resolves.toBe(true);
    await page.getByText("1 selected").waitFor();
    await page.keyboard.press("x");
    await page.getByText("1 selected").waitFor({ state: "detached" });
  });

  test("selects every member of the filter and gives them a role in one action", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/members`);
    await page.getByText("5 members", { exact: true }).waitFor();
    // Everyone, the owner included: the server leaves the owner (and so the caller) alone.
    await page.getByLabel("Select all loaded rows").check();
    await page.getByText("5 selected").waitFor();
    // On Free, three more moderators would be 5 staff of its 3 seats: refused, with the way to
    // the plans in the toast.
    await page.getByRole("button", { name: "Change role" }).click();
    await page.getByRole("menuitem", { name: "Moderator" }).click();
    const refusal = page
      .getByRole("region", { name: /^Messages/ })
      .getByRole("listitem")
      .filter({
        hasText:
          "Could not change the roles: The Free plan includes 3 staff seats and 2 are in use: upgrade to add more",
      });
    await refusal.getByRole("button", { name: "See plans" }).waitFor();
    await page.getByText("5 selected").waitFor();
    // Upgraded (Pro, comped by the platform's operator), the same action goes through.
    await compPlan(flow.browser, orgSlug, "pro");
    await page.getByRole("button", { name: "Change role" }).click();
    await page.getByRole("menuitem", { name: "Moderator" }).click();
    await page
      .getByText(
        "Made 3 members moderators. 1 member left as they were: owners, you, and anyone you do not manage.",
      )
      .waitFor();
    await page.goto(`/o/${orgSlug}/members?role=${encodeURIComponent('["moderator"]')}`);
    await page.getByText("4 members", { exact: true }).waitFor();
    await page.goto(`/o/${orgSlug}/members?role=${encodeURIComponent('["owner"]')}`);
    await page.getByText("1 member", { exact: true }).waitFor();
  });

  test("on a phone: cards whose names read across, filters in a sheet", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/o/${orgSlug}/members`);
    const cards = page.getByRole("list", { name: /^Members, sorted by/ }).getByRole("listitem");
    await cards.first().waitFor();
    await expect(page.getByRole("table").count()).resolves.toBe(0);
    const name = cards.filter({ hasText: "(you)" }).getByText(ownerName);
    expect((await name.boundingBox())?.width ?? 0).toBeGreaterThan(100);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Filters" }).click();
    const sheet = page.getByRole("dialog", { name: "Filter and sort members" });
    await sheet.getByLabel("Sort by").selectOption("name:desc");
    await sheet.getByRole("button", { name: "Show members" }).click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(() => cards.first().textContent()).toContain(ownerName);
    await page.getByLabel(`Select ${joiners[0].name}`).check();
    await page.getByRole("button", { name: "Change role" }).waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(390);
  });
});
