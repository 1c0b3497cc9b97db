import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserFlow, DESKTOP, PHONE, pageWidth, seriousA11yProblems } from "../support/browser.ts";
import { seedDemo, signInDemo } from "../support/demo.ts";

// The learning statistics and activity log on the demo organization (seed-courses.ts), as its
// operator seeds it (`pnpm db:seed`): the owner's dashboard (XP chart, streak calendar, the
// course in progress), the admin analytics with the demo's hand-known figures and a sort, the
// activity log with its kind filter and Everyone; a plain member is told analytics are not
// theirs. At 1280 px, then at 390 px with no sideways scroll of the page.

let owner: Page;
let mia: Page;

const flow = browserFlow();

/** A demo person signed in, at 1280 px. */
const signIn = (email: string) => signInDemo(flow, email, DESKTOP);

describe("learning statistics and the activity log", { concurrent: false }, () => {
  test("the owner's dashboard: XP chart, streak calendar, the course in progress", async () => {
    seedDemo();
    owner = await signIn("owner@demo.guild");
    await owner.goto("/o/demo");
    await owner.getByRole("link", { name: "My learning" }).first().click();
    await owner.waitForURL(/\/o\/demo\/learning$/);
    await owner.getByRole("heading", { level: 1, name: "Your learning" }).waitFor();
    await owner.locator('[data-chart="xp"][data-drawn]').waitFor();
    // A 40-day streak to today (seed-xp.ts), every one of those days on the calendar.
    const streak = owner.locator("dl > div").filter({ hasText: "Current streak" }).locator("dd");
    expect(await streak.textContent()).toBe("40 days");
    expect(
      await owner.locator('[data-calendar="streak"] [data-events]:not([data-events="0"])').count(),
    ).toBeGreaterThanOrEqual(40);
    const course = owner.getByRole("listitem").filter({ hasText: "Learning in public" });
    await course.getByText("3 of 5 lessons · 60%").waitFor();
    expect(await seriousA11yProblems(owner)).toEqual([]);
  });

  test("admin analytics: the demo's per-lesson figures, sorted by a column", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await owner.getByRole("link", { name: "Learning analytics" }).first().click();
    await owner.getByRole("heading", { level: 1, name: "Learning analytics" }).waitFor();
    await owner.locator('[data-chart="completion"][data-drawn]').waitFor();
    const rows = owner.getByRole("table").getByRole("row");
    const quizRow = rows.filter({ hasText: "Check your understanding" });
    // 3 enrolled, 2 completed (67%), mean best score 88.7, Mia stopped here (33%).
    expect(await quizRow.getByRole("cell").allInnerTexts()).toEqual([
      "3",
      "3",
      "2",
      "67%",
      "88.7",
      "5 min",
      "33%",
    ]);
    await owner.getByRole("button", { name: "Drop-off" }).click();
    await owner.getByRole("button", { name: "Drop-off" }).click();
    expect(
      await owner.getByRole("columnheader", { name: /Drop-off/ }).getAttribute("aria-sort"),
    ).toBe("descending");
    // Giving helpful feedback: the admin stopped there, half of those who came.
    expect(await rows.nth(1).textContent()).toContain("Giving helpful feedback");
    await owner.getByLabel("Course").selectOption({ label: "Learning in public" });
    await rows.filter({ hasText: "Your weekly note" }).waitFor();
    expect(await seriousA11yProblems(owner)).toEqual([]);
  });

  test("the activity log: kinds, and everyone's for admins", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await owner.getByRole("link", { name: "Activity" }).first().click();
    await owner.getByRole("heading", { level: 1, name: "Activity" }).waitFor();
    const entries = owner.getByRole("region", { name: "Activity" }).getByRole("listitem");
    // This sign-in, from this browser, is the newest.
    await entries.first().getByText("Signed in").waitFor();
    await owner.getByRole("button", { name: "Quizzes" }).click();
    await entries
      .first()
      .getByText(/Passed the quiz in “Habits quiz” · 100%/)
      .waitFor();
    await owner.getByRole("button", { name: "Everyone" }).click();
    await entries
      .filter({ hasText: "Mia Member: Took the quiz in “Check your understanding” · 33%" })
      .waitFor();
    expect(await seriousA11yProblems(owner)).toEqual([]);
  });

  test("a member reads their own, and is told analytics are the admins'", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    mia = await signIn("member@demo.guild");
    await mia.goto("/o/demo/activity");
    await mia.getByRole("heading", { level: 1, name: "Activity" }).waitFor();
    expect(await mia.getByRole("button", { name: "Everyone" }).count()).toBe(0);
    await mia.getByText(/Took the quiz in “Check your understanding” · 66%/).waitFor();
    await mia.goto("/o/demo/learning/analytics");
    await mia.getByText(/learning analytics of Demo Guild are for its admins/).waitFor();
    expect(await mia.getByRole("link", { name: "Learning analytics" }).count()).toBe(0);
  });

  test("every screen fits a 390 px phone", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await owner.setViewportSize(PHONE);
    for (const path of ["/o/demo/learning", "/o/demo/learning/analytics", "/o/demo/activity"]) {
      await owner.goto(path);
      await owner.getByRole("heading", { level: 1 }).waitFor();
      if (path.endsWith("analytics")) await owner.getByRole("table").waitFor();
      if (path.endsWith("learning")) await owner.locator('[data-chart="xp"][data-drawn]').waitFor();
      expect(await pageWidth(owner), path).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousA11yProblems(owner), path).toEqual([]);
    }
  });
});
