import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserFlow, createOrganization, signUp, uniqueEmail } from "../support/browser.ts";

// The tasks screen on the shared data table, as a salesperson clears a busy week: sort by a
// column header, filters in the address, hide a column (kept on the server), move between rows
// with the keyboard, select every task a filter matches (more than a page) and complete, reopen
// and delete them in one action each, with Undo bringing the deleted ones back, and on a phone
// the same list as cards with the filters in a sheet. Each step builds on the last.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgSlug = `todo-${runId}`;
/** More than one page (25 rows): "select all" then has more to offer than what is loaded. */
const TASKS = 30;
const DAY = 86_400_000;
const titleOf = (i: number) => `Task ${String(i).padStart(2, "0")} ${runId}`;

let page: Page;

const flow = browserFlow();

/** Creates a task through the API the app uses (tRPC over HTTP; Dates as the wire carries them). */
async function createTask(title: string, dueAt: Date) {
  const response = await page.request.post("/api/trpc/task.create", {
    headers: { "content-type": "application/json", "x-guild-org": orgSlug },
    data: { json: { title, dueAt: dueAt.toISOString() }, dates: [["dueAt"]] },
  });
  if (!response.ok()) throw new Error(`task.create: ${response.status()} ${await response.text()}`);
}

const table = () => page.getByRole("table", { name: /^Tasks, sorted by/ });
const bodyRows = () => table().locator("tbody tr[data-row-index]");
const firstRowTitle = () => bodyRows().first().locator("label").textContent();
const focusedRow = () =>
  page.evaluate(() => document.activeElement?.getAttribute("data-row-index") ?? null);
const view = (name: string) =>
  page.getByRole("group", { name: "Show" }).getByText(name, { exact: true });
const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

describe("the tasks data table", { concurrent: false }, () => {
  test(`a salesperson with ${TASKS} open tasks sees the first page and the total`, async () => {
    page = await signUp(flow.browser, {
      name: "Tomas Todo",
      email: uniqueEmail("tomas"),
      password: PASSWORD,
    });
    flow.pages.push(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await createOrganization(page, `Todo ${runId}`, orgSlug);
    // Task 01 is due first, task 30 last; task 01 is overdue.
    const now = Date.now();
    for (let i = 1; i <= TASKS; i++) await createTask(titleOf(i), new Date(now + (i - 2) * DAY));
    await page.goto(`/o/${orgSlug}/tasks`);
    await page.getByText(`${TASKS} tasks`, { exact: true }).waitFor();
    await expect(bodyRows().count()).resolves.toBe(25);
    await expect(firstRowTitle()).resolves.toBe(titleOf(1));
    // The overdue one says so in its status.
    await expect(bodyRows().first().textContent()).resolves.toContain("Overdue");
    expect(await pageWidth()).toBeLessThanOrEqual(1280);
  });

  test("sorts by a column header, on the server, and keeps the order in the address", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const due = table().getByRole("columnheader", { name: "Due" });
    await expect(due.getAttribute("aria-sort")).resolves.toBe("ascending");
    await due.getByRole("button").click();
    await expect(page.getByText("Loading tasks…").count()).resolves.toBe(0);
    await expect.poll(() => new URL(page.url()).searchParams.get("dir")).toBe("desc");
    // Latest due first: sorted by the server over all 30, not within the loaded page.
    await expect.poll(firstRowTitle).toBe(titleOf(TASKS));
    await table().getByRole("columnheader", { name: "Task" }).getByRole("button").click();
    await expect.poll(firstRowTitle).toBe(titleOf(1));
    await page.reload();
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("title");
    await expect.poll(firstRowTitle).toBe(titleOf(1));
  });

  test("hides a column, and it stays hidden after a reload", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await table().getByRole("columnheader", { name: "Assignee" }).waitFor();
    await page.getByRole("button", { name: "Columns" }).click();
    const saved = page.waitForResponse((r) => r.url().includes("dataTable.setPreference"));
    await page.getByRole("menuitemcheckbox", { name: "Assignee" }).click();
    expect((await saved).ok()).toBe(true);
    await page.keyboard.press("Escape");
    await table().getByRole("columnheader", { name: "Assignee" }).waitFor({ state: "detached" });
    await page.reload();
    await table().getByRole("columnheader", { name: "Due" }).waitFor();
    await expect(table().getByRole("columnheader", { name: "Assignee" }).count()).resolves.toBe(0);
  });

  test("moves between rows with the keyboard, selects with x and edits with Enter", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/tasks`);
    await expect.poll(firstRowTitle).toBe(titleOf(1));
    await page.keyboard.press("j");
    expect(await focusedRow()).toBe("0");
    await page.keyboard.press("j");
    await page.keyboard.press("ArrowDown");
    expect(await focusedRow()).toBe("2");
    await page.keyboard.press("k");
    expect(await focusedRow()).toBe("1");
    await page.keyboard.press("x");
    await expect(page.getByLabel(`Select ${titleOf(2)}`).isChecked()).resolves.toBe(true);
    await page.getByText("1 selected").waitFor();
    await page.keyboard.press("x");
    await page.getByText("1 selected").waitFor({ state: "detached" });
    await page.keyboard.press("Enter");
    const form = page.locator("section", { has: page.getByRole("heading", { name: "Edit task" }) });
    await expect
      .poll(() => form.getByLabel("Title", { exact: true }).inputValue())
      .toBe(titleOf(2));
    await form.getByRole("button", { name: "Cancel" }).click();
  });

  test(`selects all ${TASKS} matching tasks and completes, reopens and deletes them (Undo)`, async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/tasks`);
    await page.getByText(`${TASKS} tasks`, { exact: true }).waitFor();
    await page.getByLabel("Select all loaded rows").check();
    await page.getByText("25 selected").waitFor();
    await page.getByRole("button", { name: `Select all ${TASKS} matching` }).click();
    await page.getByText(`All ${TASKS} matching tasks selected`).waitFor();
    await page.getByRole("button", { name: "Complete", exact: true }).click();
    await page.getByText(`Completed ${TASKS} tasks.`).waitFor();
    // None is open any more, the loaded 25 and the 5 never loaded alike.
    await page.getByText("No open tasks").waitFor();

    await view("Done").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("done");
    await page.getByText(`${TASKS} tasks`, { exact: true }).waitFor();
    await page.getByLabel("Select all loaded rows").check();
    await page.getByRole("button", { name: `Select all ${TASKS} matching` }).click();
    await page.getByRole("button", { name: "Reopen", exact: true }).click();
    await page.getByText(`Reopened ${TASKS} tasks.`).waitFor();
    await page.getByText("No tasks done yet").waitFor();

    // Everyone's open tasks, from the address: the same 30 (no one else has any).
    await page.goto(`/o/${orgSlug}/tasks?assignee=anyone`);
    await page.getByRole("heading", { level: 1, name: "Everyone's tasks" }).waitFor();
    await page.getByText(`${TASKS} tasks`, { exact: true }).waitFor();
    await page.getByLabel(`Select ${titleOf(1)}`).check();
    await page.getByLabel(`Select ${titleOf(2)}`).check();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    const toast = page.getByRole("listitem").filter({ hasText: "Deleted 2 tasks." });
    await toast.waitFor();
    await page.getByText(`${TASKS - 2} tasks`, { exact: true }).waitFor();
    await toast.getByRole("button", { name: "Undo" }).click();
    await page.getByText("Restored 2 tasks.").waitFor();
    await page.getByText(`${TASKS} tasks`, { exact: true }).waitFor();
    await expect(firstRowTitle()).resolves.toBe(titleOf(1));
  });

  test("on a phone: cards instead of the table, filters in a sheet", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/o/${orgSlug}/tasks`);
    const cards = page.getByRole("list", { name: /^Tasks, sorted by/ }).getByRole("listitem");
    await cards.first().waitFor();
    await expect(page.getByRole("table").count()).resolves.toBe(0);
    await expect(cards.first().textContent()).resolves.toContain(titleOf(1));
    await expect(cards.first().getByText("Overdue ·", { exact: true }).count()).resolves.toBe(1);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Filters" }).click();
    const sheet = page.getByRole("dialog", { name: "Filter and sort tasks" });
    await sheet.getByLabel("Sort by").selectOption("dueAt:desc");
    await sheet.getByRole("button", { name: "Show tasks" }).click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(() => cards.first().textContent()).toContain(titleOf(TASKS));
    await page.getByLabel(`Select ${titleOf(TASKS)}`).check();
    await page.getByRole("button", { name: "Reassign" }).waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(390);
  });
});
