import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserFlow, createOrganization, signUp, uniqueEmail } from "../support/browser.ts";

// A lead's timeline as a salesperson works it: a note written and a call logged join the lead's
// recorded history (the call where it happened, not where it was logged), the note is edited in
// place, and a deleted call comes back with the toast's Undo. At 1280 px, then at 390 px.
// Each step builds on the one before, so a failed step skips the rest.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgSlug = `timeline-${runId}`;
const leadName = `Grace Hopper ${runId}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let page: Page;

const flow = browserFlow();

const timeline = () => page.getByRole("list", { name: "Timeline" }).getByRole("listitem");
const composer = () => page.getByRole("form", { name: "Add to the timeline" });

describe("lead timeline: notes, logged calls, edit, delete with Undo", {
  concurrent: false,
}, () => {
  test("a salesperson creates an organization and a lead", async () => {
    page = await signUp(flow.browser, {
      name: "Nora Notes",
      email: uniqueEmail("nora"),
      password: PASSWORD,
    });
    flow.pages.push(page);
    await page.setViewportSize(DESKTOP);
    await createOrganization(page, `Timeline ${runId}`, orgSlug);
    await page.goto(`/o/${orgSlug}/leads/new`);
    await page.getByLabel("Name", { exact: true }).fill(leadName);
    await page.getByRole("button", { name: "Save lead" }).click();
    await page.getByRole("heading", { level: 1, name: leadName }).waitFor();
    await timeline().first().waitFor();
    expect(await timeline().allInnerTexts()).toHaveLength(1);
  });

  test("writes a note, which lands on top of the timeline", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    // Empty: refused next to the field, before anything is sent.
    await composer().getByRole("button", { name: "Add note" }).click();
    await composer().getByText("Write what happened").waitFor();
    await composer().getByLabel("Your note").fill("Prefers mail to calls.");
    await composer().getByRole("button", { name: "Add note" }).click();
    await timeline().filter({ hasText: "Prefers mail to calls." }).waitFor();
    const texts = await timeline().allInnerTexts();
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^Nora Notes wrote a note\b/);
    expect(texts[1]).toMatch(/^Nora Notes added the lead\b/);
    // The composer is empty again, ready for the next one.
    await expect(composer().getByLabel("Your note").inputValue()).resolves.toBe("");
  });

  test("logs a call from last year, placed where it happened", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await composer().getByText("Call", { exact: true }).click();
    await composer().getByLabel("Summary").fill("Walked her through the pricing.");
    await composer().getByLabel("When").fill("2025-06-02T10:30");
    await composer().getByLabel("Duration (minutes)").fill("twenty");
    await composer().getByRole("button", { name: "Log call" }).click();
    await composer().getByText("Enter the minutes as a number").waitFor();
    await composer().getByLabel("Duration (minutes)").fill("25");
    await composer().getByLabel("Outcome").selectOption({ label: "Connected" });
    await composer().getByRole("button", { name: "Log call" }).click();
    await timeline().filter({ hasText: "Walked her through the pricing." }).waitFor();
    const texts = await timeline().allInnerTexts();
    expect(texts).toHaveLength(3);
    // Before the lead was added here: at the bottom.
    expect(texts[2]).toMatch(/^Nora Notes logged a call · 25 min · Connected\b/);
  });

  test("edits the note in place", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const note = timeline().filter({ hasText: "Prefers mail to calls." });
    await note.getByRole("button", { name: "Edit note" }).click();
    const form = page.getByRole("form", { name: "Edit note" });
    await form.getByLabel("Your note").fill("Prefers mail; calls after 4 pm only.");
    await form.getByRole("button", { name: "Save" }).click();
    const edited = timeline().filter({ hasText: "Prefers mail; calls after 4 pm only." });
    await edited.getByText(/· edited$/).waitFor();
    await expect(form.count()).resolves.toBe(0);
    // Still when it was written: above "added the lead" (the form shows times to the minute).
    expect((await timeline().allInnerTexts())[0]).toMatch(/^Nora Notes wrote a note\b/);
  });

  test("an edit of the lead says field by field from what to what", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.getByLabel("Company").fill("Compilers Inc");
    await page.getByLabel("Value").fill("4200");
    await page.getByRole("button", { name: "Save lead" }).click();
    await page.getByRole("heading", { level: 1, name: leadName }).waitFor();
    const edit = timeline().filter({ hasText: "changed the company and the value" });
    await edit.waitFor();
    const text = (await edit.textContent()) ?? "";
    expect(text).toMatch(/^Nora Notes changed the company and the value/);
    expect(text).toContain("Company: empty → Compilers Inc");
    expect(text).toMatch(/Value: \$0\.00 → \$4,200\.00/);
  });

  test("deletes the call and brings it back with Undo, at 390 px", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize(PHONE);
    const call = timeline().filter({ hasText: "Walked her through the pricing." });
    await call.getByRole("button", { name: "Delete call" }).click();
    await page.getByText("Deleted the call.").waitFor();
    await call.waitFor({ state: "detached" });
    expect(await timeline().allInnerTexts()).toHaveLength(3);
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByText("Restored the call.").waitFor();
    await call.waitFor();
    // Back where it happened, and it stays after a reload: the server restored it.
    await page.reload();
    await timeline().filter({ hasText: "Walked her through the pricing." }).waitFor();
    const texts = await timeline().allInnerTexts();
    expect(texts).toHaveLength(4);
    expect(texts[3]).toMatch(/^Nora Notes logged a call\b/);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
