import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserFlow, createOrganization, signUp, uniqueEmail } from "../support/browser.ts";

// CRM tasks as a salesperson meets them: a task added on a lead's page (at 1280 px) shows in My
// tasks, an overdue one is marked as such, and both are done by ticking their box (at 390 px).
// Each step builds on the one before, so a failed step skips the rest.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgSlug = `tasks-${runId}`;
const leadName = `Grace Hopper ${runId}`;
const taskTitle = `Call Grace back ${runId}`;
const lateTitle = `Send the overdue quote ${runId}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** One of the list's views (Open, Overdue, Done, All): the status column says these words too. */
const view = (name: string) =>
  page.getByRole("group", { name: "Show" }).getByText(name, { exact: true });

let page: Page;

const flow = browserFlow();

/** The page is no wider than the viewport (nothing scrolls sideways). */
async function expectNoHorizontalOverflow(p: Page) {
  const overflow = await p.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe("tasks: add on a lead, see in My tasks, complete", { concurrent: false }, () => {
  test("a salesperson creates an organization and a lead", async () => {
    page = await signUp(flow.browser, {
      name: "Tess Tasks",
      email: uniqueEmail("tess"),
      password: PASSWORD,
    });
    flow.pages.push(page);
    await page.setViewportSize(DESKTOP);
    await createOrganization(page, `Tasks ${runId}`, orgSlug);
    await page.goto(`/o/${orgSlug}/leads/new`);
    await page.getByLabel("Name", { exact: true }).fill(leadName);
    await page.getByRole("button", { name: "Save lead" }).click();
    const heading = page.getByRole("heading", { level: 1, name: leadName });
    const listLink = page.getByRole("link", { name: leadName });
    await heading.or(listLink).first().waitFor();
    if (!(await heading.isVisible())) await listLink.first().click();
    await heading.waitFor();
  });

  test("adds a task on the lead's page, with the form's own checks", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const tasks = page
      .getByRole("region", { name: "Tasks" })
      .or(page.locator("section", { has: page.getByRole("heading", { name: "Tasks" }) }));
    await tasks.getByText("No tasks for this lead yet.").waitFor();
    await tasks.getByRole("button", { name: "Add task" }).click();
    // An empty title is refused next to its field, before anything is sent.
    await tasks.getByRole("button", { name: "Add task" }).click();
    await tasks.getByText("Title is required.").waitFor();
    await tasks.getByLabel("Title").fill(taskTitle);
    await tasks.getByLabel("Notes").fill("She asked for the pricing sheet.");
    await tasks.getByRole("button", { name: "Add task" }).click();
    const list = page.getByRole("list", { name: `Tasks for ${leadName}` });
    await list.getByRole("checkbox", { name: taskTitle }).waitFor();
    await expect(list.getByRole("listitem").first().textContent()).resolves.toContain("You");
    await expectNoHorizontalOverflow(page);
  });

  test("sees it in My tasks at 390 px, adds an overdue one, and completes both", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize(PHONE);
    await page.getByRole("link", { name: "My tasks" }).click();
    await page.waitForURL(`**/o/${orgSlug}/tasks`);
    await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
    // On a phone the tasks are cards; the done box is labelled by the title alone (the card's
    // other box, "Select …", picks it for the bulk actions).
    const list = page.getByRole("list", { name: /^Tasks, sorted by/ });
    await list.getByRole("checkbox", { name: taskTitle, exact: true }).waitFor();
    // The lead is linked from the task.
    await expect(list.getByRole("link", { name: leadName }).isVisible()).resolves.toBe(true);

    await page.getByRole("button", { name: "New task" }).click();
    await page.getByLabel("Title", { exact: true }).fill(lateTitle);
    await page.getByLabel("Due", { exact: true }).fill("2020-01-02T09:00");
    await page.getByRole("button", { name: "Add task" }).click();
    const late = list.getByRole("listitem").filter({ hasText: lateTitle });
    await late.getByText("Overdue ·", { exact: true }).waitFor();
    // Soonest first: the overdue one leads the list.
    await expect(list.getByRole("listitem").first().textContent()).resolves.toContain(lateTitle);
    await expectNoHorizontalOverflow(page);

    await page.getByRole("checkbox", { name: lateTitle, exact: true }).check();
    await late.waitFor({ state: "detached" });
    await page.getByRole("checkbox", { name: taskTitle, exact: true }).check();
    await page.getByText("No open tasks").waitFor();

    await view("Done").click();
    await list.getByRole("checkbox", { name: taskTitle, exact: true }).waitFor();
    await expect(
      page.getByRole("checkbox", { name: taskTitle, exact: true }).isChecked(),
    ).resolves.toBe(true);
    await expect(
      page.getByRole("checkbox", { name: lateTitle, exact: true }).isChecked(),
    ).resolves.toBe(true);
  });

  test("reopens a task and deletes it after confirming", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize(DESKTOP);
    await page.getByRole("checkbox", { name: lateTitle, exact: true }).uncheck();
    await view("Open").click();
    // At 1280 px a table: the row of the reopened task.
    const table = page.getByRole("table", { name: /^Tasks, sorted by/ });
    await table.getByRole("checkbox", { name: lateTitle, exact: true }).waitFor();
    await page.getByRole("button", { name: `Delete ${lateTitle}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete task" }).click();
    await page.getByText("No open tasks").waitFor();
  });
});
