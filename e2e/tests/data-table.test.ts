import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserFlow, createOrganization, signUp, uniqueEmail } from "../support/browser.ts";

// The leads data table as a salesperson works it: sort by a column header, hide a column (kept
// on the server: it stays hidden after a reload), move between rows with the keyboard, select
// every lead a filter matches (more than the loaded page) and move them all in one action, page
// through a long list that only renders the rows near the screen, and on a phone the same list as
// cards with the filters in a sheet. Each step builds on the last.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgSlug = `table-${runId}`;
/** More than one page (25 rows): "select all" then has more to offer than what is loaded. */
const LEADS = 30;
/** Past the table's virtualization threshold (100 loaded rows). */
const LONG = 130;
const nameOf = (i: number) => `Lead ${String(i).padStart(3, "0")} ${runId}`;

let page: Page;

const flow = browserFlow();

/** Creates a lead through the API the app uses (tRPC over HTTP, the session's cookie). */
async function createLead(input: { name: string; valueCents: number }) {
  const response = await page.request.post("/api/trpc/lead.create", {
    headers: { "content-type": "application/json", "x-guild-org": orgSlug },
    data: { json: input },
  });
  if (!response.ok()) throw new Error(`lead.create: ${response.status()} ${await response.text()}`);
}

/** The router writes arrays in the address as JSON. */
const statusParam = (status: string) => encodeURIComponent(JSON.stringify([status]));
const table = () => page.getByRole("table", { name: /^Leads, sorted by/ });
const bodyRows = () => table().locator("tbody tr[data-row-index]");
const firstRowName = () => bodyRows().first().getByRole("link").textContent();
const focusedRow = () =>
  page.evaluate(() => document.activeElement?.getAttribute("data-row-index") ?? null);

describe("the leads data table", { concurrent: false }, () => {
  test(`a salesperson with ${LEADS} leads sees the first page and the total`, async () => {
    page = await signUp(flow.browser, {
      name: "Tabitha Table",
      email: uniqueEmail("tabitha"),
      password: PASSWORD,
    });
    flow.pages.push(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await createOrganization(page, `Table ${runId}`, orgSlug);
    for (let i = 1; i <= LEADS; i++) await createLead({ name: nameOf(i), valueCents: i * 100_00 });
    await page.goto(`/o/${orgSlug}/leads`);
    await page.getByText(`${LEADS} leads`, { exact: true }).waitFor();
    await expect(bodyRows().count()).resolves.toBe(25);
  });

  test("sorts by a column header, on the server, without blanking the table", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    // Newest first by default: the last lead created.
    await expect(firstRowName()).resolves.toBe(nameOf(LEADS));
    const name = table().getByRole("columnheader", { name: "Name" });
    await name.getByRole("button").click();
    // The old rows stay on screen while the new order loads: never the loading state.
    await expect(page.getByText("Loading leads…").count()).resolves.toBe(0);
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("name");
    await expect.poll(() => firstRowName()).toBe(nameOf(1));
    await expect(name.getAttribute("aria-sort")).resolves.toBe("ascending");
    await name.getByRole("button").click();
    await expect.poll(() => firstRowName()).toBe(nameOf(LEADS));
    await expect(name.getAttribute("aria-sort")).resolves.toBe("descending");
    // The highest value first: sorted by the server over all 30, not within the loaded page.
    await table().getByRole("columnheader", { name: "Value" }).getByRole("button").click();
    await expect.poll(() => firstRowName()).toBe(nameOf(LEADS));
    await table().getByRole("columnheader", { name: "Value" }).getByRole("button").click();
    await expect.poll(() => firstRowName()).toBe(nameOf(1));
    // The order is in the address: a reload keeps it.
    await page.reload();
    await expect.poll(() => firstRowName()).toBe(nameOf(1));
  });

  test("hides a column, and it stays hidden after a reload", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await table().getByRole("columnheader", { name: "Company" }).waitFor();
    await page.getByRole("button", { name: "Columns" }).click();
    const saved = page.waitForResponse((r) => r.url().includes("dataTable.setPreference"));
    await page.getByRole("menuitemcheckbox", { name: "Company" }).click();
    expect((await saved).ok()).toBe(true);
    await page.keyboard.press("Escape");
    await table().getByRole("columnheader", { name: "Company" }).waitFor({ state: "detached" });
    await page.reload();
    await table().getByRole("columnheader", { name: "Value" }).waitFor();
    await expect(table().getByRole("columnheader", { name: "Company" }).count()).resolves.toBe(0);
  });

  test("moves between rows with the keyboard, selects with x and opens with Enter", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/leads?sort=name&dir=asc`);
    await expect.poll(() => firstRowName()).toBe(nameOf(1));
    // The first row is the table's one tab stop (roving tabindex).
    await expect(bodyRows().first().getAttribute("tabindex")).resolves.toBe("0");
    // j from the page (nothing focused) goes into the table.
    await page.keyboard.press("j");
    expect(await focusedRow()).toBe("0");
    await page.keyboard.press("j");
    expect(await focusedRow()).toBe("1");
    await page.keyboard.press("ArrowDown");
    expect(await focusedRow()).toBe("2");
    await page.keyboard.press("k");
    expect(await focusedRow()).toBe("1");
    await page.keyboard.press("x");
    await expect(page.getByLabel(`Select ${nameOf(2)}`).isChecked()).resolves.toBe(true);
    await page.getByText("1 selected").waitFor();
    // The header's box says "some": neither all nor none.
    await expect(
      page
        .getByLabel("Select all loaded rows")
        .evaluate((box) => box instanceof HTMLInputElement && box.indeterminate),
    ).resolves.toBe(true);
    await page.keyboard.press("x");
    await expect(page.getByLabel(`Select ${nameOf(2)}`).isChecked()).resolves.toBe(false);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: nameOf(2) }).waitFor();
  });

  test(`selects all ${LEADS} matching leads (more than loaded) and moves them in one action`, async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/leads?status=${statusParam("new")}`);
    await page.getByText(`${LEADS} leads`, { exact: true }).waitFor();
    await page.getByLabel("Select all loaded rows").check();
    await page.getByText("25 selected").waitFor();
    await page.getByRole("button", { name: `Select all ${LEADS} matching` }).click();
    await page.getByText(`All ${LEADS} matching leads selected`).waitFor();
    await page.getByRole("button", { name: "Change status" }).click();
    await page.getByRole("menuitem", { name: "Contacted" }).click();
    await page.getByText(`Moved ${LEADS} leads to Contacted.`).waitFor();
    // None is New any more, the loaded 25 and the 5 never loaded alike.
    await page.getByText("No leads match these filters").waitFor();
    await page.goto(`/o/${orgSlug}/leads?status=${statusParam("contacted")}`);
    await page.getByText(`${LEADS} leads`, { exact: true }).waitFor();
  });

  test("a long list renders only the rows near the screen, and the keyboard still reaches the last", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    for (let i = LEADS + 1; i <= LONG; i++)
      await createLead({ name: nameOf(i), valueCents: i * 100_00 });
    await page.goto(`/o/${orgSlug}/leads`);
    await expect.poll(() => firstRowName()).toBe(nameOf(LONG));
    await bodyRows().first().focus();
    // End goes to the last loaded row; the next page loads as the end of the list comes into view.
    const loaded = async () => Number(await table().getAttribute("aria-rowcount")) - 1;
    for (let attempt = 0; attempt < 20 && (await loaded()) < LONG; attempt++) {
      const before = await loaded();
      await page.keyboard.press("End");
      await expect.poll(loaded).toBeGreaterThan(before);
      // Focus stays in the table (on a row) while pages arrive.
      await expect.poll(focusedRow).not.toBeNull();
    }
    expect(await loaded()).toBe(LONG);
    await page.keyboard.press("End");
    await expect.poll(focusedRow).toBe(String(LONG - 1));
    const focusedName = () =>
      page.evaluate(() => document.activeElement?.querySelector("a")?.textContent ?? null);
    await expect.poll(focusedName).toBe(nameOf(1));
    // Far fewer rows in the page than loaded: the rest are spacers.
    expect(await bodyRows().count()).toBeLessThan(LONG / 2);
    await page.keyboard.press("Home");
    await expect.poll(focusedRow).toBe("0");
    await expect.poll(focusedName).toBe(nameOf(LONG));
  });

  test("on a phone: cards instead of the table, filters in a sheet", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/o/${orgSlug}/leads?sort=name&dir=asc`);
    const cards = page.getByRole("list", { name: /^Leads, sorted by name/ }).getByRole("listitem");
    await cards.first().waitFor();
    await expect(cards.first().getByRole("link").textContent()).resolves.toBe(nameOf(1));
    await expect(page.getByRole("table").count()).resolves.toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.getByRole("button", { name: "Filters" }).click();
    const sheet = page.getByRole("dialog", { name: "Filter and sort leads" });
    await sheet.getByLabel("Sort by").selectOption("name:desc");
    await sheet.getByRole("button", { name: "Show leads" }).click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(() => cards.first().getByRole("link").textContent()).toBe(nameOf(LONG));
    // Selecting on a card brings the bulk actions, and they fit the phone too.
    await page.getByLabel(`Select ${nameOf(LONG)}`).check();
    await page.getByRole("button", { name: "Change status" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  });
});
