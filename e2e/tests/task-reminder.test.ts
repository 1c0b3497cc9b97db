import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import {
  baseURL,
  browserFlow,
  createOrganization,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";
import { serverClock } from "../support/clock.ts";

// A task's reminder as its assignee meets it: nothing before the due time, then at the due time
// (the server's test clock moved forward, with the jobs it has queued) an unread notification
// appears without a reload, and the mail is in the mailbox. Each step builds on the one before.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgSlug = `remind-${runId}`;
const email = uniqueEmail("rita");
const taskTitle = `Send Ada the contract ${runId}`;
const MINUTE = 60_000;

let page: Page;

const flow = browserFlow();

const mails = z.array(z.object({ to: z.string(), subject: z.string(), text: z.string() }));

async function mailSubjects(to: string): Promise<string[]> {
  const response = await fetch(`${baseURL}/dev/mailbox?to=${encodeURIComponent(to)}`, {
    headers: { accept: "application/json" },
  });
  return mails.parse(await response.json()).map((mail) => mail.subject);
}

describe("a task reminder arrives at the due time", { concurrent: false }, () => {
  test("a salesperson adds a task due in a few minutes, in My tasks (hers)", async () => {
    page = await signUp(flow.browser, { name: "Rita Remind", email, password: PASSWORD });
    flow.pages.push(page);
    await createOrganization(page, `Remind ${runId}`, orgSlug);
    await page.goto(`/o/${orgSlug}/tasks`);
    await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();

    // Due three minutes after the server's now, written as the browser's local time (the
    // form's datetime-local field has minute precision).
    const { now } = await serverClock();
    const due = await page.evaluate(
      (at) => {
        const date = new Date(Math.ceil(at / 60_000) * 60_000);
        const pad = (n: number) => String(n).padStart(2, "0");
        return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
      },
      Date.parse(now) + 3 * MINUTE,
    );
    await page.getByRole("button", { name: "New task" }).click();
    await page.getByLabel("Title", { exact: true }).fill(taskTitle);
    await page.getByLabel("Due", { exact: true }).fill(due);
    await page.getByRole("button", { name: "Add task" }).click();
    // The done box, labelled by the title alone ("Select …" is the row's other box).
    await page.getByRole("checkbox", { name: taskTitle, exact: true }).waitFor();
  });

  test("before the due time, nothing is sent", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.getByRole("link", { name: "Notifications", exact: true }).waitFor();
    expect((await mailSubjects(email)).filter((s) => s.includes(taskTitle))).toEqual([]);
  });

  test("at the due time the notification shows unread without a reload, and the mail arrives", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await serverClock(5 * MINUTE);
    await page.getByRole("link", { name: "Notifications, 1 unread" }).waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await mailSubjects(email)).filter((s) => s.includes(taskTitle)), {
        timeout: 15_000,
      })
      .toHaveLength(1);

    await page.getByRole("link", { name: "Notifications, 1 unread" }).click();
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await page.getByRole("link", { name: `Task due: ${taskTitle}` }).click();
    await page.waitForURL(`**/o/${orgSlug}/tasks`);
    // Past its due time by the server's clock, the task is listed among the overdue ones.
    await page.getByRole("group", { name: "Show" }).getByText("Overdue", { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("overdue");
    await page.getByRole("checkbox", { name: taskTitle, exact: true }).waitFor();
  });
});
