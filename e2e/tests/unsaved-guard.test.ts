import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserFlow, createOrganization, signUp, uniqueEmail } from "../support/browser.ts";

// The unsaved-changes guard as someone meets it halfway through an edit: leaving by the sidebar
// asks in the app's own dialog (Stay keeps the input, Leave drops it), a save or an untouched
// form never asks, and a reload or a closed tab gets the browser's own question. On the way, a
// lead with a very long name: cut where it is shown, whole on hover. Each step builds on the
// one before.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgName = `Guard ${runId}`;
const orgSlug = `guard-${runId}`;
const leadName = `Una Saved ${runId}`;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let page: Page;
let editPath = "";

const flow = browserFlow({ pages: () => [page] });

const guard = () => page.getByRole("dialog", { name: "Leave without saving?" });
const sidebarLink = (name: string) =>
  page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name, exact: true });
const nameField = () => page.getByLabel("Name", { exact: true });
const pathname = () => new URL(page.url()).pathname;

describe("the unsaved-changes guard", { concurrent: false }, () => {
  test("a new lead saved goes to its page without asking", async () => {
    page = await signUp(flow.browser, {
      name: "Gus Guard",
      email: uniqueEmail("gus"),
      password: PASSWORD,
    });
    await page.setViewportSize(DESKTOP);
    await createOrganization(page, orgName, orgSlug);
    await page.goto(`/o/${orgSlug}/leads/new`);
    await nameField().fill(leadName);
    await page.getByRole("button", { name: "Save lead" }).click();
    await page.getByRole("heading", { level: 1, name: leadName }).waitFor();
    expect(await guard().count()).toBe(0);
    editPath = `${pathname()}/edit`;
  });

  test("an untouched form lets you leave without a question", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(editPath);
    await nameField().waitFor();
    await sidebarLink("Pipeline").click();
    await page.getByRole("heading", { level: 1, name: "Pipeline" }).waitFor();
    expect(await guard().count()).toBe(0);
  });

  test("leaving an edited lead by the sidebar asks; Stay keeps the input", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(editPath);
    await nameField().fill(`${leadName} edited`);
    await sidebarLink("Leads").click();
    await guard().waitFor();
    // The safe choice has focus: Enter would stay.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe("Stay");
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
    ).toEqual([]);
    await guard().getByRole("button", { name: "Stay" }).click();
    await guard().waitFor({ state: "hidden" });
    expect(pathname()).toBe(editPath);
    await expect(nameField().inputValue()).resolves.toBe(`${leadName} edited`);

    // Escape is Stay too.
    await sidebarLink("Leads").click();
    await guard().waitFor();
    await page.keyboard.press("Escape");
    await guard().waitFor({ state: "hidden" });
    expect(pathname()).toBe(editPath);
  });

  test("Leave drops the edit: the lead keeps its saved name", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await sidebarLink("Leads").click();
    await guard().getByRole("button", { name: "Leave" }).click();
    await page.getByRole("heading", { level: 1, name: "Leads" }).waitFor();
    await page.goto(editPath);
    await expect(nameField().inputValue()).resolves.toBe(leadName);
  });

  test("a saved edit goes back to the lead without asking", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await nameField().fill(`${leadName} renamed`);
    await page.getByRole("button", { name: "Save lead" }).click();
    await page.getByRole("heading", { level: 1, name: `${leadName} renamed` }).waitFor();
    expect(await guard().count()).toBe(0);
    await sidebarLink("Tasks").click();
    await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
    expect(await guard().count()).toBe(0);
  });

  test("a half-written note on the lead's timeline asks too", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(editPath.replace(/\/edit$/, ""));
    const note = page.getByRole("form", { name: "Add to the timeline" }).getByLabel("Your note");
    await note.fill("Met at the fair");
    await sidebarLink("Tasks").click();
    await guard().getByRole("button", { name: "Leave" }).click();
    await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  });

  test("a half-written task asks too, from the palette as well", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.keyboard.press("c");
    const title = page.getByLabel("Title", { exact: true });
    await expect.poll(() => title.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type("Call Una");
    await page.keyboard.press("Control+k");
    await page.getByRole("dialog", { name: "Command palette" }).waitFor();
    await page.keyboard.type("pipeline");
    await page.keyboard.press("Enter");
    await guard().waitFor();
    await guard().getByRole("button", { name: "Stay" }).click();
    await expect(title.inputValue()).resolves.toBe("Call Una");
    // Cancelling the form is discarding it on purpose: no question after that.
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await sidebarLink("Pipeline").click();
    await page.getByRole("heading", { level: 1, name: "Pipeline" }).waitFor();
    expect(await guard().count()).toBe(0);
  });

  test("organization settings: an edit asks, a save lets you go at once", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/settings`);
    const orgNameField = page.getByLabel("Organization name", { exact: true });
    await orgNameField.fill(`${orgName} Ltd`);
    await sidebarLink("Members").click();
    await guard().getByRole("button", { name: "Stay" }).click();
    await expect(orgNameField.inputValue()).resolves.toBe(`${orgName} Ltd`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page
      .getByRole("region", { name: /^Messages/ })
      .getByText("Settings saved.")
      .waitFor();
    await sidebarLink("Members").click();
    await page.getByRole("heading", { level: 1, name: "Members" }).waitFor();
    expect(await guard().count()).toBe(0);
  });

  test("a long lead name is cut in the breadcrumb, heading, dialog and toast, whole on hover", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const longName = `${"Maximiliana Wolfeschlegelsteinhausen ".repeat(5)}${runId}`;
    await page.setViewportSize(PHONE);
    await page.goto(`/o/${orgSlug}/leads/new`);
    await nameField().fill(longName);
    await page.getByRole("button", { name: "Save lead" }).click();
    const heading = page.getByRole("heading", { level: 1, name: longName });
    await heading.waitFor();

    /** The element is cut (its text overflows), and hovering gives it the whole as its tooltip. */
    async function cutWithTooltip(element: ReturnType<Page["locator"]>, text: string) {
      await expect(
        element.evaluate((e) => e.scrollHeight > e.clientHeight || e.scrollWidth > e.clientWidth),
      ).resolves.toBe(true);
      await element.hover();
      await expect.poll(() => element.getAttribute("title")).toBe(text);
    }
    await cutWithTooltip(heading.locator("span"), longName);
    const crumb = page.getByRole("navigation", { name: "Breadcrumb" }).getByText(longName);
    await cutWithTooltip(crumb, longName);
    // A short text that fits gets no tooltip (screen readers would read it twice).
    const details = page.getByRole("heading", { level: 2, name: "Details" }).locator("span");
    await details.hover();
    await expect(details.getAttribute("title")).resolves.toBeNull();

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${longName}?` });
    await cutWithTooltip(confirm.getByRole("heading").locator("span"), `Delete ${longName}?`);
    await confirm.getByRole("button", { name: "Delete lead" }).click();
    const toastTitle = page
      .getByRole("region", { name: /^Messages/ })
      .getByText(`Deleted ${longName}.`);
    await cutWithTooltip(toastTitle, `Deleted ${longName}.`);
    await page.setViewportSize(DESKTOP);
  });

  test("closing or reloading the tab with an edit gets the browser's question", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(editPath);
    // Typed, not filled: the browser asks only on a page the person has interacted with.
    await nameField().click();
    await page.keyboard.type(" more");
    const asked = new Promise<string>((resolve) => {
      page.once("dialog", (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      });
    });
    await page.close({ runBeforeUnload: true });
    await expect(asked).resolves.toBe("beforeunload");
    // Dismissed: the page stays, the input with it.
    expect(page.isClosed()).toBe(false);
    await expect(nameField().inputValue()).resolves.toBe(`${leadName} renamed more`);
  });
});
