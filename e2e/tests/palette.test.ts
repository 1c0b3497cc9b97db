import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  seriousA11yProblems,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// The command palette as someone who keeps their hands on the keyboard uses it: Ctrl-K opens it
// from anywhere (a text field too), typing goes to a screen, finds a lead on the server and
// opens it, and runs a create action; `?` lists it. At 390 px the top bar's button opens it.
// Outside an organization (the account page, a new organization) it offers what needs none:
// account sections, the organizations, a new one, the theme and signing out.
// Each step builds on the one before.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgName = `Palette ${runId}`;
const orgSlug = `palette-${runId}`;
const leadName = `Quentin Quibble ${runId}`;
const otherName = `Palette Two ${runId}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let page: Page;

const flow = browserFlow({ pages: () => [page] });

const palette = () => page.getByRole("dialog", { name: "Command palette" });
const paletteInput = () => palette().getByRole("combobox");
const pathname = () => new URL(page.url()).pathname;

async function openWithKeyboard() {
  await page.keyboard.press("Control+k");
  await palette().waitFor();
  await expect.poll(() => paletteInput().evaluate((e) => e === document.activeElement)).toBe(true);
}

describe("the command palette", { concurrent: false }, () => {
  test("Ctrl-K opens it; typing a screen's name and Enter goes there", async () => {
    page = await signUp(flow.browser, {
      name: "Pat Palette",
      email: uniqueEmail("pat"),
      password: PASSWORD,
    });
    await page.setViewportSize(DESKTOP);
    await createOrganization(page, orgName, orgSlug);
    await page.getByRole("heading", { level: 1, name: orgName }).waitFor();

    await openWithKeyboard();
    // Empty, it offers the screens the sidebar offers, and the create actions.
    await palette().getByRole("option", { name: "Pipeline" }).waitFor();
    await palette().getByRole("option", { name: "New lead" }).waitFor();
    await expect(seriousA11yProblems(page)).resolves.toEqual([]);
    await page.keyboard.type("pipe");
    await expect(palette().getByRole("option").allInnerTexts()).resolves.toEqual(["Pipeline"]);
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/o/${orgSlug}/pipeline$`));
    await page.getByRole("heading", { level: 1, name: "Pipeline" }).waitFor();
    await palette().waitFor({ state: "hidden" });

    // Escape closes it without going anywhere; a second Ctrl-K closes it too.
    await openWithKeyboard();
    await page.keyboard.press("Escape");
    await palette().waitFor({ state: "hidden" });
    await openWithKeyboard();
    await page.keyboard.press("Control+k");
    await palette().waitFor({ state: "hidden" });
    expect(pathname()).toBe(`/o/${orgSlug}/pipeline`);
  });

  test("a create action runs from the palette: New lead, New task", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await openWithKeyboard();
    await page.keyboard.type("new lead");
    await expect(palette().getByRole("option").allInnerTexts()).resolves.toEqual(["New lead"]);
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/o/${orgSlug}/leads/new$`));
    await page.getByLabel("Name", { exact: true }).fill(leadName);
    await page.getByLabel("Company", { exact: true }).fill("Quibble Works");
    await page.getByRole("button", { name: "Save lead" }).click();
    await page.getByRole("heading", { level: 1, name: leadName }).waitFor();

    // From inside a text field too: Ctrl-K is not a letter typed.
    await page.goto(`/o/${orgSlug}/leads`);
    const search = page.getByLabel("Search", { exact: true });
    await search.click();
    await openWithKeyboard();
    await expect(search.inputValue()).resolves.toBe("");
    await page.keyboard.type("new task");
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/o/${orgSlug}/tasks$`));
    // The form is open with the cursor in its title.
    const title = page.getByLabel("Title", { exact: true });
    await expect.poll(() => title.evaluate((e) => e === document.activeElement)).toBe(true);
  });

  test("typing a lead's name finds it on the server; Enter opens it", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}`);
    await page.getByRole("heading", { level: 1, name: orgName }).waitFor();
    await openWithKeyboard();
    // The search asks as typing pauses: each keystroke is not a request of its own.
    const searches: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("lead.list")) searches.push(request.url());
    });
    await page.keyboard.type(`quibble ${runId}`, { delay: 20 });
    const found = palette().getByRole("option", { name: new RegExp(leadName) });
    await found.waitFor();
    await expect(seriousA11yProblems(page)).resolves.toEqual([]);
    await expect(found.textContent()).resolves.toContain("Quibble Works");
    expect(searches.length).toBeLessThan(`quibble ${runId}`.length / 2);
    // Nothing else matches, so the lead is the selected option: Enter opens it.
    await expect(found.getAttribute("aria-selected")).resolves.toBe("true");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: leadName }).waitFor();
    expect(pathname()).toMatch(new RegExp(`/o/${orgSlug}/leads/[0-9a-f-]+$`));

    // A word nobody has says so.
    await openWithKeyboard();
    await page.keyboard.type(`zzzz${runId}`);
    await palette()
      .getByText(/Nothing matches/)
      .waitFor();
    await page.keyboard.press("Escape");
    await palette().waitFor({ state: "hidden" });
  });

  test("a member is found and shown in the directory; arrow keys pick among results", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await openWithKeyboard();
    await page.keyboard.type("pat pal");
    const member = palette().getByRole("option", { name: "Pat Palette" });
    await member.waitFor();
    await page.keyboard.press("End");
    await expect(member.getAttribute("aria-selected")).resolves.toBe("true");
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/o/${orgSlug}/members\\?q=`));
    await expect(page.getByLabel("Search", { exact: true }).inputValue()).resolves.toBe(
      "Pat Palette",
    );
  });

  test("`c` creates on the pipeline and on My tasks too", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/pipeline`);
    await page.getByRole("heading", { level: 1, name: "Pipeline" }).waitFor();
    await page.keyboard.press("c");
    await page.waitForURL(new RegExp(`/o/${orgSlug}/leads/new$`));
    await page.goto(`/o/${orgSlug}/tasks`);
    await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
    await expect(page.getByLabel("Title", { exact: true }).count()).resolves.toBe(0);
    await page.keyboard.press("c");
    const title = page.getByLabel("Title", { exact: true });
    await expect.poll(() => title.evaluate((e) => e === document.activeElement)).toBe(true);
  });

  test("`?` lists Ctrl K; at 390 px the top bar's button opens the palette", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/leads`);
    await page.getByRole("heading", { level: 1, name: "Leads" }).waitFor();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    await help.getByText("Open the command palette").waitFor();
    await expect(help.getByRole("definition").allInnerTexts()).resolves.toContain("Ctrl K");
    // Under the help dialog, Ctrl-K does not stack a second modal.
    await page.keyboard.press("Control+k");
    await expect(palette().count()).resolves.toBe(0);
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    await page.setViewportSize(PHONE);
    await page.getByRole("button", { name: "Search and commands" }).click();
    await palette().waitFor();
    const width = await palette().evaluate((e) => e.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.keyboard.type("settings");
    await palette().getByRole("option", { name: "Settings" }).click();
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await palette().waitFor({ state: "hidden" });
  });

  test("New organization runs from the palette, and Switch to goes back", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize(DESKTOP);
    await openWithKeyboard();
    await page.keyboard.type("new org");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/organizations\/new$/);
    await page.getByLabel("Organization name", { exact: true }).fill(otherName);
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.getByRole("heading", { level: 1, name: otherName }).waitFor();

    await openWithKeyboard();
    await page.keyboard.type("switch");
    // Every organization but the current one.
    await expect(palette().getByRole("option").allInnerTexts()).resolves.toEqual([
      `Switch to ${orgName}`,
    ]);
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/o/${orgSlug}$`));
    await page.getByRole("heading", { level: 1, name: orgName }).waitFor();
  });

  test("outside an organization it is there too, loaded only once opened, without the organization's groups", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    // A fresh page load: nothing of the palette is fetched until someone asks for it.
    const paletteScripts: string[] = [];
    page.on("request", (request) => {
      if (/\/command-palette-[^/]*\.js$/.test(request.url())) paletteScripts.push(request.url());
    });
    await page.goto("/account");
    await page.getByRole("heading", { level: 1, name: "Account" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(paletteScripts).toEqual([]);
    await openWithKeyboard();
    expect(paletteScripts).toHaveLength(1);

    const options = await palette().getByRole("option").allInnerTexts();
    // Every organization to open, a new one, the account's sections, the theme, signing out …
    for (const offered of [
      `Open ${orgName}`,
      `Open ${otherName}`,
      "New organization",
      "Account",
      "Profile",
      "Email address",
      "Password",
      "Two-factor authentication",
      "Sessions",
      "Delete account",
      "Use the dark theme",
      "Sign out",
    ])
      expect(options).toContain(offered);
    // … and nothing that needs an organization: its screens, its create actions, its search.
    for (const orgOnly of ["Home", "Leads", "Pipeline", "New lead", "New task", "Invite a member"])
      expect(options.some((text) => text.startsWith(orgOnly))).toBe(false);
    await expect(paletteInput().getAttribute("placeholder")).resolves.not.toMatch(/leads|members/i);
    await expect(seriousA11yProblems(page)).resolves.toEqual([]);

    // An account section: the page opens at it, and it has the focus for the keyboard.
    await page.keyboard.type("2fa");
    await expect(palette().getByRole("option").allInnerTexts()).resolves.toEqual([
      "Two-factor authentication",
    ]);
    await page.keyboard.press("Enter");
    await palette().waitFor({ state: "hidden" });
    await page.waitForURL(/\/account#two-factor$/);
    const section = page.locator("section#two-factor");
    await expect.poll(() => section.evaluate((e) => e === document.activeElement)).toBe(true);
    const box = await section.boundingBox();
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(box?.y ?? DESKTOP.height).toBeLessThan(DESKTOP.height / 2);
  });

  test("outside an organization: the theme, a new organization, opening one, signing out", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const dark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
    await page.emulateMedia({ colorScheme: "light" });
    await openWithKeyboard();
    await page.keyboard.type("dark");
    await page.keyboard.press("Enter");
    await palette().waitFor({ state: "hidden" });
    await expect.poll(dark).toBe(true);
    // The choice in force says so; the system's again follows the (light) system.
    await openWithKeyboard();
    await page.keyboard.type("theme");
    await expect(
      palette().getByRole("option", { name: "Use the dark theme" }).textContent(),
    ).resolves.toMatch(/In use/);
    await palette().getByRole("option", { name: "Follow the system theme" }).click();
    await palette().waitFor({ state: "hidden" });
    await expect.poll(dark).toBe(false);

    // New organization, from the account page; on its form, the palette is there as well.
    await openWithKeyboard();
    await page.keyboard.type("new org");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/organizations\/new$/);
    await page.getByRole("heading", { level: 1, name: "Create an organization" }).waitFor();

    // At 390 px the header's button opens it; an organization opens by its name.
    await page.setViewportSize(PHONE);
    await page.getByRole("button", { name: "Search and commands" }).click();
    await palette().waitFor();
    const width = await palette().evaluate((e) => e.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.keyboard.type("open palette two");
    await expect(palette().getByRole("option").allInnerTexts()).resolves.toEqual([
      `Open ${otherName}`,
    ]);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: otherName }).waitFor();
    expect(pathname()).toMatch(/^\/o\/[a-z0-9-]+$/);

    // Signing out, from the account page.
    await page.setViewportSize(DESKTOP);
    await page.goto("/account");
    await page.getByRole("heading", { level: 1, name: "Account" }).waitFor();
    await openWithKeyboard();
    await page.keyboard.type("sign out");
    await expect(palette().getByRole("option").allInnerTexts()).resolves.toEqual(["Sign out"]);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/sign-in/);
    await page.goto("/account");
    await page.waitForURL(/\/sign-in/);
  });
});
