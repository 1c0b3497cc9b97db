import AxeBuilder from "@axe-core/playwright";
import { totpCode } from "@guild/auth/testing";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  DESKTOP,
  linkFromMailbox,
  newUserPage,
  PASSWORD,
  PHONE,
  signUp,
  transitionsEnded,
  uniqueEmail,
} from "../support/browser.ts";
import { setupAdmin } from "../support/operator.ts";
import { idOf, trpc, trpcQuery } from "../support/trpc.ts";

// Every screen, at a phone's width and a desktop's, in the light and the dark theme: no serious or
// critical axe violation, nothing that makes the page scroll sideways, and no text box too narrow
// to hold a word. One signed-in owner with an organization, a lead, a task and a pending
// invitation (so lists are not empty), and one visitor who walks the way in as a person does:
// signed out, asks for a password reset (for the owner's address) and opens its link, signs up,
// opens the verification link, has no organization yet, opens the owner's invitation with the
// wrong account, turns on two-factor and meets the code challenge, then signs up as the invitee.
// Each screen is reached for real, loaded once and re-checked in the four combinations (the theme
// follows the system, emulated here).

const runId = Date.now().toString(36);
const orgName = `Sweep ${runId}`;
const orgSlug = `sweep-${runId}`;
const ownerName = "Maximiliana Featherstonehaugh";
const ownerEmail = uniqueEmail("max");
const visitorName = "Ottoline Cholmondeley-Warburton";
const visitorEmail = uniqueEmail("ottoline");
const inviteeEmail = uniqueEmail("wilhelmina-invitee");
const leadName = `Bartholomew Quarrington-Ashdown ${runId}`;
const WIDTHS = [PHONE, DESKTOP] as const;
const THEMES = ["light", "dark"] as const;
/** Narrower than this, a text box cannot show a word of an address or a name. */
const MIN_INPUT_WIDTH = 80;

let owner: Page;
let visitor: Page;
let visitorContext: BrowserContext;
let leadPath = "";
let joinPath = "";
/** The invitation's link as mailed (/invitations/…?key=…), opened signed in. */
let invitationPath = "";
/** The visitor's steps build on each other: after one fails, the rest have nothing to stand on. */
let visitorFailed = false;
const VISITOR_STEPS = "the visitor's way in, step by step";

const flow = browserFlow({
  pages: () => [owner, visitor],
  // Each screen's sweep stands alone; only a failed setup leaves the others nothing to check.
  stopsFlow: (testName) => testName.startsWith("setting up"),
});

const SWEEP_FAILED = "has accessibility or layout problems";

afterEach(({ task }) => {
  if (task.result?.state !== "fail" || task.suite?.name !== VISITOR_STEPS) return;
  // A screen with problems still got the visitor where the next step starts; a step that did
  // not get there (a mail that never came, a sign-in refused) leaves the rest nothing.
  const swept = task.result.errors?.every((error) => error.message.includes(SWEEP_FAILED));
  if (!swept) visitorFailed = true;
});

afterAll(async () => {
  await visitorContext?.close();
});

interface Finding {
  where: string;
  problems: string[];
}

/**
 * The dark theme changes colours only (the layout is the light theme's): it is checked for
 * contrast, at one width. Checking all of axe's rules and the layout in both themes at both
 * widths took four passes per screen (262 s of CI on 2 cores) to learn nothing more.
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** What a person would trip over on the page as it stands, in words for the failure message. */
async function inspect(
  page: Page,
  only: "everything" | "colours" = "everything",
): Promise<string[]> {
  const problems: string[] = [];
  const builder = new AxeBuilder({ page });
  if (only === "colours") builder.withRules(COLOUR_RULES);
  const axe = await builder.analyze();
  for (const violation of axe.violations) {
    if (violation.impact !== "serious" && violation.impact !== "critical") continue;
    const targets = violation.nodes
      .slice(0, 4)
      .map(
        (node) =>
          `${node.target.join(" ")}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, " ").slice(0, 160)})` : ""}`,
      );
    problems.push(`axe ${violation.id} [${violation.impact}]: ${targets.join("; ")}`);
  }
  const layout = await page.evaluate((minWidth) => {
    const scroller = document.scrollingElement ?? document.documentElement;
    const narrow = [
      ...document.querySelectorAll<HTMLElement>(
        "input:not([type]), input[type=text], input[type=email], input[type=search], input[type=password], input[type=url], input[type=tel], input[type=number], textarea",
      ),
    ]
      .map((input) => ({ input, box: input.getBoundingClientRect() }))
      // Hidden ones (a closed popover) take no room and cannot be typed in.
      .filter(({ box }) => box.width > 0 && box.height > 0 && box.width < minWidth)
      .map(
        ({ input, box }) =>
          `${input.getAttribute("aria-label") ?? input.id ?? input.tagName} is ${Math.round(box.width)} px wide`,
      );
    // A word split over two lines ("Or / g…" for Organizations in a squeezed header, a name one
    // letter per line): each word of each text, its line boxes on more than one line. Words long
    // enough to be addresses or tokens may break (they are wrapped on purpose); text hidden for
    // screen readers only sits in a 1 px box and is not looked at.
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node && broken.length < 5; node = walker.nextNode()) {
      const parent = node.parentElement;
      const box = parent?.getBoundingClientRect();
      if (!parent || !box || box.width <= 2 || box.height <= 2) continue;
      for (const word of (node.textContent ?? "").matchAll(/[^\s\-–—/]{2,24}/g)) {
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
        );
        if (lines.size < 2) continue;
        const where = parent.getAttribute("aria-label") ?? parent.className.slice(0, 60);
        broken.push(`"${word[0]}" (${parent.tagName.toLowerCase()} ${where})`);
        break;
      }
    }
    return { scrollWidth: scroller.scrollWidth, innerWidth: window.innerWidth, narrow, broken };
  }, MIN_INPUT_WIDTH);
  if (only === "colours") return problems;
  if (layout.scrollWidth > layout.innerWidth)
    problems.push(
      `the page scrolls sideways: ${layout.scrollWidth} px wide in ${layout.innerWidth}`,
    );
  for (const input of layout.narrow) problems.push(`text box too narrow: ${input}`);
  for (const word of layout.broken) problems.push(`a word broken over two lines: ${word}`);
  return problems;
}

/** Waits until the page shows `theme`, its colours done fading (transition-colors). */
async function settled(page: Page, theme: (typeof THEMES)[number]) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.classList.contains("dark")))
    .toBe(theme === "dark");
  await transitionsEnded(page);
}

/**
 * Loads `path`, waits for `ready`, then checks it at each width in the light theme and for
 * contrast in the dark one (COLOUR_RULES). The page is not
 * reloaded between them: the theme follows the emulated system preference live, as it would for
 * someone whose system switches at sunset. `widths`: fewer, for what only one width has.
 */
async function sweep(
  page: Page,
  path: string,
  ready: (page: Page) => Promise<unknown>,
  widths: ReadonlyArray<(typeof WIDTHS)[number]> = WIDTHS,
) {
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(WIDTHS[1]);
  await page.goto(path);
  await ready(page);
  const findings: Finding[] = [];
  // Light at every width, then dark (colours only) at the widest: the last light pass's width.
  const passes = [
    ...widths.map((size) => ({ theme: "light" as const, size })),
    { theme: "dark" as const, size: widths[widths.length - 1] ?? DESKTOP },
  ];
  for (const { theme, size } of passes) {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize(size);
    await ready(page);
    await settled(page, theme);
    if (process.env.E2E_SCREENSHOTS)
      await page.screenshot({
        path: `test-results/a11y${path.replace(/[^a-z0-9]+/gi, "-")}-${size.width}-${theme}.png`,
        fullPage: true,
      });
    const problems = await inspect(page, theme === "dark" ? "colours" : "everything");
    if (problems.length) findings.push({ where: `${size.width} px, ${theme}`, problems });
  }
  expect(
    findings.map((f) => `${f.where}:\n  ${f.problems.join("\n  ")}`).join("\n"),
    `${path} ${SWEEP_FAILED}`,
  ).toBe("");
}

/**
 * Checks what is open on the page now (a dialog, a menu, a sheet, a toast) at its width in both
 * themes, switching the emulated system preference under it: overlays have their own colours.
 */
async function sweepOpen(page: Page, what: string) {
  const findings: Finding[] = [];
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await settled(page, theme);
    const problems = await inspect(page, theme === "dark" ? "colours" : "everything");
    if (problems.length) findings.push({ where: `${what}, ${theme}`, problems });
  }
  await page.emulateMedia({ colorScheme: "light" });
  return findings;
}

const heading = (name: string | RegExp) => (page: Page) =>
  page.getByRole("heading", { level: 1, name }).first().waitFor();

describe("every screen at 390 and 1280 px, light and dark", { concurrent: false }, () => {
  test("setting up: an owner with an organization, a lead, a task and an invitation", async () => {
    owner = await signUp(flow.browser, {
      name: ownerName,
      email: ownerEmail,
      password: PASSWORD,
    });
    await owner.setViewportSize(WIDTHS[1]);
    await createOrganization(owner, orgName, orgSlug);
    ({ context: visitorContext, page: visitor } = await newUserPage(flow.browser));

    await owner.goto(`/o/${orgSlug}/leads/new`);
    await owner.getByLabel("Name", { exact: true }).fill(leadName);
    await owner.getByLabel("Email", { exact: true }).fill(`bartholomew-${runId}@example.com`);
    await owner.getByLabel("Company", { exact: true }).fill("Quarrington Heavy Industries");
    await owner.getByLabel("Value", { exact: true }).fill("12500");
    await owner.getByRole("button", { name: "Save lead" }).click();
    const leadHeading = owner.getByRole("heading", { level: 1, name: leadName });
    const listLink = owner.getByRole("link", { name: leadName });
    await leadHeading.or(listLink).first().waitFor();
    if (!(await leadHeading.isVisible())) await listLink.first().click();
    await leadHeading.waitFor();
    leadPath = new URL(owner.url()).pathname;

    const tasks = owner.locator("section", { has: owner.getByRole("heading", { name: "Tasks" }) });
    await tasks.getByRole("button", { name: "Add task" }).click();
    await tasks.getByLabel("Title").fill("Send the pricing sheet and the references");
    await tasks.getByRole("button", { name: "Add task" }).click();
    await owner
      .getByRole("checkbox", { name: "Send the pricing sheet and the references" })
      .waitFor();
    // The timeline holds a note and a logged call (with their Edit and Delete) besides the changes.
    const composer = owner.getByRole("form", { name: "Add to the timeline" });
    await composer.getByLabel("Your note").fill("Prefers mail; calls after 4 pm only.");
    await composer.getByRole("button", { name: "Add note" }).click();
    await composer.getByText("Call", { exact: true }).click();
    await composer.getByLabel("Summary").fill("Walked him through the pricing.");
    await composer.getByLabel("Duration (minutes)").fill("20");
    await composer.getByLabel("Outcome").selectOption({ label: "Connected" });
    await composer.getByRole("button", { name: "Log call" }).click();
    await owner
      .getByRole("list", { name: "Timeline" })
      .getByText("Walked him through the pricing.")
      .waitFor();

    await owner.goto(`/o/${orgSlug}/members`);
    await owner.getByLabel("Email", { exact: true }).fill(inviteeEmail);
    await owner.getByRole("button", { name: "Send invitation" }).click();
    await owner.getByText(inviteeEmail).first().waitFor();
    const link = new URL(await linkFromMailbox(inviteeEmail, /invit/i));
    invitationPath = `${link.pathname}${link.search}`;
    // Opened signed out, the mailed link shows the invitation's public preview.
    await visitor.goto(invitationPath);
    await visitor.waitForURL(/\/join\//);
    joinPath = `${new URL(visitor.url()).pathname}${new URL(visitor.url()).search}`;
  });

  describe("signed out", () => {
    test("sign in", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(visitor, "/sign-in", heading(/sign in/i));
    });
    test("sign up", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(visitor, "/sign-up", heading(/create|sign up/i));
    });
    test("forgot password", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(visitor, "/forgot-password", heading(/password/i));
    });
    test("an invitation's preview", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(visitor, joinPath, heading(`Join ${orgName}`));
    });
    test("pricing", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(visitor, "/pricing", async (page) => {
        await heading("Pricing")(page);
        await page.getByRole("heading", { level: 2, name: "Business" }).waitFor();
      });
    });
  });

  describe(VISITOR_STEPS, () => {
    const path = (page: Page) => `${new URL(page.url()).pathname}${new URL(page.url()).search}`;
    let setupLink = "";

    test("forgot password: the link is on its way", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      await sweep(visitor, "/forgot-password", async (page) => {
        const sent = page.getByRole("heading", { level: 1, name: "Check your email" });
        if (!(await sent.isVisible())) {
          await page.getByLabel("Email", { exact: true }).fill(ownerEmail);
          await page.getByRole("button", { name: "Send reset link" }).click();
        }
        await sent.waitFor();
      });
    });
    test("reset password: the form the mailed link opens", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      await visitor.goto(await linkFromMailbox(ownerEmail, /reset/i));
      await visitor.waitForURL(/\/reset-password\?/);
      await sweep(visitor, path(visitor), heading("Choose a new password"));
    });
    test("check email, after signing up", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      await visitor.goto("/sign-up");
      await visitor.getByLabel("Name", { exact: true }).fill(visitorName);
      await visitor.getByLabel("Email", { exact: true }).fill(visitorEmail);
      await visitor.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await visitor.getByRole("button", { name: "Sign up" }).click();
      await visitor.waitForURL(/\/check-email/);
      await sweep(visitor, path(visitor), heading("Check your email"));
    });
    test("verify email: the mailed link opened", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      await visitor.goto(await linkFromMailbox(visitorEmail, /verify/i));
      await visitor.waitForURL(/\/verify-email/);
      await sweep(visitor, path(visitor), heading("Email verified"));
    });
    test("new organization, with none yet", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      await sweep(visitor, "/organizations/new", heading("Create an organization"));
    });
    test("an invitation opened with the wrong account", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      await sweep(visitor, invitationPath, heading("This invitation is for another account"));
    });
    test("the command palette outside an organization, at 390 and 1280 px", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      await visitor.goto("/account");
      await heading("Account")(visitor);
      const findings: Finding[] = [];
      for (const size of WIDTHS) {
        await visitor.setViewportSize(size);
        await visitor.getByRole("button", { name: "Search and commands" }).click();
        const palette = visitor.getByRole("dialog", { name: "Command palette" });
        await palette.getByRole("option", { name: "Two-factor authentication" }).waitFor();
        findings.push(...(await sweepOpen(visitor, `palette at ${size.width} px`)));
        await visitor.keyboard.press("Escape");
        await palette.waitFor({ state: "hidden" });
      }
      expect(
        findings.map((f) => `${f.where}:\n  ${f.problems.join("\n  ")}`).join("\n"),
        `the palette ${SWEEP_FAILED}`,
      ).toBe("");
    });
    test("two-factor set-up: the QR code and the code to confirm", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      await sweep(visitor, "/account", async (page) => {
        await heading("Account")(page);
        const card = page.locator("section", {
          has: page.getByRole("heading", { name: "Two-factor authentication" }),
        });
        const qr = card.getByRole("img", { name: "QR code of the two-factor setup link" });
        if (!(await qr.isVisible())) {
          await card.getByLabel("Password", { exact: true }).fill(PASSWORD);
          await card.getByRole("button", { name: "Set up two-factor" }).click();
        }
        await qr.waitFor();
        setupLink = await card.getByRole("textbox", { name: "Setup link" }).inputValue();
      });
    });
    test("two-factor: the code asked at sign-in", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      const card = visitor.locator("section", {
        has: visitor.getByRole("heading", { name: "Two-factor authentication" }),
      });
      await card.getByLabel("Authentication code").fill(totpCode(setupLink));
      await card.getByRole("button", { name: "Verify and turn on" }).click();
      await card
        .getByText("Two-factor authentication is")
        .getByText("on", { exact: true })
        .waitFor();
      await visitor.getByRole("button", { name: "Sign out" }).click();
      await visitor.waitForURL(/\/sign-in/);
      await visitor.getByLabel("Email", { exact: true }).fill(visitorEmail);
      await visitor.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await visitor.getByRole("button", { name: "Sign in" }).click();
      await visitor.waitForURL(/\/two-factor/);
      await sweep(visitor, path(visitor), heading("Two-factor authentication"));
    });
    test("an invitation, signed in with the invited account", async ({ skip }) => {
      skip(flow.failed || visitorFailed, "an earlier step failed");
      // Still at the code challenge, the visitor is signed out: the link offers the sign-up.
      await visitor.goto(joinPath);
      await heading(`Join ${orgName}`)(visitor);
      await visitor.getByLabel("Name", { exact: true }).fill("Wilhelmina Invitee");
      await visitor.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await visitor.getByRole("button", { name: "Sign up" }).click();
      await visitor.waitForURL(/\/invitations\//);
      await sweep(visitor, path(visitor), async (page) => {
        await heading(`Join ${orgName}`)(page);
        await page.getByRole("button", { name: "Accept invitation" }).waitFor();
      });
    });
  });

  describe("signed in", () => {
    const org = (path: string) => `/o/${orgSlug}${path}`;
    test("dashboard", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org(""), heading(orgName));
    });
    test("leads list", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/leads"), async (page) => {
        await heading("Leads")(page);
        await page.getByRole("link", { name: leadName }).first().waitFor();
      });
    });
    test("lead detail", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, leadPath, heading(leadName));
    });
    test("new lead", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/leads/new"), heading("Add a lead"));
    });
    test("import leads", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/leads/import"), heading("Import leads"));
    });
    test("import leads: a file's columns, preview and bad rows", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      const csv = [
        "Full Name,E-mail,Company,Amount",
        `Philippa Throckmorton-Vance,philippa-${runId}@example.com,Vance & Daughters,4200`,
        "Nobody Valid,not-an-address,Nowhere Ltd,10",
      ].join("\n");
      await sweep(owner, org("/leads/import"), async (page) => {
        await heading("Import leads")(page);
        const file = page.getByRole("heading", { name: "contacts.csv" });
        if (!(await file.isVisible()))
          await page.locator("input[type=file]").setInputFiles({
            name: "contacts.csv",
            mimeType: "text/csv",
            buffer: Buffer.from(csv),
          });
        await page.getByRole("table", { name: "Bad rows" }).waitFor();
      });
    });
    test("edit lead", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, `${leadPath}/edit`, async (page) => {
        await heading(/edit/i)(page);
        await page
          .getByLabel("Name", { exact: true })
          .and(page.locator(`[value="${leadName}"]`))
          .waitFor();
      });
    });
    test("pipeline", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/pipeline"), async (page) => {
        await heading("Pipeline")(page);
        await page.getByText(leadName).first().waitFor();
      });
    });
    test("my tasks", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/tasks"), async (page) => {
        await heading("My tasks")(page);
        await page
          .getByRole("checkbox", { name: "Send the pricing sheet and the references", exact: true })
          .waitFor();
      });
    });
    test("members", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/members"), async (page) => {
        await heading("Members")(page);
        await page.getByRole("main").getByText(ownerName).first().waitFor();
      });
      // The names read across, not one letter per line (how the page broke at 390 px).
      await owner.setViewportSize(WIDTHS[0]);
      // The phone's cards replace the table once the page has seen the new width: measure the
      // name that shows, not the table's copy on its way out.
      const name = owner.getByRole("main").getByText(ownerName).filter({ visible: true }).first();
      await name.waitFor();
      const box = await name.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(100);
    });
    test("settings", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/settings"), heading("Settings"));
    });
    test("notifications", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/notifications"), heading("Notifications"));
    });
    test("credits", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/credits"), async (page) => {
        await heading("Credits")(page);
        await page.getByText("Welcome bonus", { exact: true }).waitFor();
      });
    });
    test("account", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, "/account", heading(/account/i));
    });
    test("billing settings", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/billing"), async (page) => {
        await heading("Billing")(page);
        await page.getByTestId("current-plan").getByText("Free").waitFor();
        await page.getByText("No payments yet").waitFor();
        await page.getByText("Not connected yet.").waitFor();
      });
    });
    test("pricing, signed in", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, "/pricing", async (page) => {
        await heading("Pricing")(page);
        await page.getByRole("heading", { level: 2, name: "Business" }).waitFor();
      });
    });
    test("member tiers, before Stripe is connected", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/tiers"), async (page) => {
        await heading("Member tiers")(page);
        await page.getByText("Not connected yet.").waitFor();
      });
    });
    test("member tiers, connected, with a tier and the new tier form", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      // Connected on the Stripe stand-in's onboarding page, then a paid tier from the form.
      await owner.setViewportSize(DESKTOP);
      await owner.getByRole("button", { name: "Connect Stripe" }).click();
      await owner.getByRole("button", { name: "Complete onboarding" }).click();
      await owner.waitForURL(/\/tiers/);
      await owner.getByText("Connected", { exact: true }).waitFor();
      await owner.getByRole("button", { name: "New tier" }).click();
      await owner.getByLabel("Name", { exact: true }).fill("Patrons of the Quarterly Almanac");
      await owner.getByLabel("Monthly price", { exact: true }).fill("9");
      await owner.getByLabel("Lifetime price (one payment)", { exact: true }).fill("240");
      await owner.getByRole("button", { name: "Create tier" }).click();
      await owner.getByRole("listitem", { name: "Patrons of the Quarterly Almanac" }).waitFor();
      await sweep(owner, org("/tiers"), async (page) => {
        await heading("Member tiers")(page);
        await page.getByRole("listitem", { name: "Patrons of the Quarterly Almanac" }).waitFor();
        const form = page.getByRole("button", { name: "Create tier" });
        if (!(await form.isVisible())) await page.getByRole("button", { name: "New tier" }).click();
        await form.waitFor();
      });
    });
    test("the shell with the sidebar collapsed", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      const sidebar = owner.getByRole("complementary", { name: "Sidebar" });
      // At 390 px there is no sidebar (the menu drawer opens expanded): 1280 px only, icons only.
      await sweep(
        owner,
        org("/leads"),
        async (page) => {
          await heading("Leads")(page);
          const collapse = sidebar.getByRole("button", { name: "Collapse sidebar" });
          if (await collapse.isVisible()) await collapse.click();
          await sidebar.getByRole("button", { name: "Expand sidebar" }).waitFor();
        },
        [WIDTHS[1]],
      );
      await sidebar.getByRole("button", { name: "Expand sidebar" }).click();
      await sidebar.getByRole("button", { name: "Collapse sidebar" }).waitFor();
    });
  });
  // The community side (issue 11) as a member meets it: a discussion space with a post, a comment
  // and a reaction, a chat space with a message, search results, messages, and the moderator's
  // screens with an open report, each with real content in it (empty lists hide most layout).
  describe("community", () => {
    const org = (path: string) => `/o/${orgSlug}${path}`;
    const POST_TITLE = "Marginalia in second-hand Baedekers, catalogued";
    let postPath = "";
    let username = "";

    test("setting up: a discussion space with a post and a comment, a chat space, a report", async ({
      skip,
    }) => {
      skip(flow.failed, "setting up failed");
      const space = (name: string, slug: string, type: "discussion" | "chat") =>
        trpc(
          owner,
          "space.create",
          {
            name,
            slug,
            description: `${name}: a space for the sweep`,
            icon: "",
            type,
            visibility: "public",
            section: "Community",
            tierIds: [],
          },
          orgSlug,
        );
      const spaceId = idOf(await space("Reading room", "reading-room", "discussion"));
      const chatId = idOf(await space("Watercooler", "watercooler", "chat"));
      const postId = idOf(
        await trpc(
          owner,
          "post.create",
          {
            spaceId,
            title: POST_TITLE,
            body: "Pencilled **notes** in the margins tell where travellers actually ate.\n\n- Florence, 1907\n- Lucerne, 1911",
            type: "discussion",
            tags: ["travel", "books"],
            publish: true,
          },
          orgSlug,
        ),
      );
      postPath = org(`/s/reading-room/p/${postId}`);
      const commentId = idOf(
        await trpc(
          owner,
          "comment.create",
          { postId, body: "The Lucerne copy has a pressed edelweiss between pages 40 and 41." },
          orgSlug,
        ),
      );
      await trpc(owner, "reaction.toggle", { postId, emoji: "love" }, orgSlug);
      await trpc(
        owner,
        "chat.post",
        { spaceId: chatId, body: "Anyone at the book fair on Saturday?" },
        orgSlug,
      );
      await trpc(
        owner,
        "moderation.report",
        { postId, commentId, reason: "off_topic", details: "Pressed flowers are not marginalia." },
        orgSlug,
      );
      const mine = JSON.stringify(await trpcQuery(owner, "profile.mine", undefined, orgSlug));
      username = mine.match(/"username":"([^"]+)"/)?.[1] ?? "";
      expect(username).not.toBe("");
    });
    test("home feed", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/feed"), async (page) => {
        await heading("Feed")(page);
        await page.getByRole("link", { name: POST_TITLE }).first().waitFor();
      });
    });
    test("a discussion space's feed and composer", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/s/reading-room"), async (page) => {
        await heading("Reading room")(page);
        await page.getByRole("link", { name: POST_TITLE }).first().waitFor();
      });
    });
    test("a post with its comments", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, postPath, async (page) => {
        await heading(POST_TITLE)(page);
        await page.getByText("pressed edelweiss", { exact: false }).first().waitFor();
      });
    });
    test("a chat space with a message", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/s/watercooler"), async (page) => {
        await heading("Watercooler")(page);
        await page.getByText("Anyone at the book fair on Saturday?").waitFor();
      });
    });
    test("search results", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/search?q=marginalia"), async (page) => {
        await heading("Search")(page);
        await page.getByRole("link", { name: POST_TITLE }).first().waitFor();
      });
    });
    test("messages, none yet", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/messages"), async (page) => {
        await heading("Messages")(page);
        await page.getByText("No conversations yet").waitFor();
      });
    });
    test("a member's profile", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org(`/u/${username}`), heading(ownerName));
    });
    test("the moderation queue with a report", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/moderation"), async (page) => {
        await heading("Moderation")(page);
        await page.getByText("Pressed flowers are not marginalia.").waitFor();
      });
    });
    test("the audit log", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/audit-log"), async (page) => {
        await heading("Audit log")(page);
        await page.getByText(/^Loading/).waitFor({ state: "detached" });
      });
    });
    test("join requests, none waiting", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/join-requests"), async (page) => {
        await heading("Join requests")(page);
        await page.getByText("No one is waiting").waitFor();
      });
    });
    test("the public page", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, `/c/${orgSlug}`, heading(orgName));
    });
  });
  describe("learning", () => {
    const org = (path: string) => `/o/${orgSlug}${path}`;
    const COURSE = "Knots for the reluctant sailor";
    const LESSON = "The bowline, slowly";
    const QUIZ = "Which knot holds?";
    let coursePath = "";
    let lessonId = "";
    let quizId = "";

    test("setting up: a course space with a published course, a lesson and a quiz", async ({
      skip,
    }) => {
      skip(flow.failed, "setting up failed");
      const spaceId = idOf(
        await trpc(
          owner,
          "space.create",
          {
            name: "Seamanship",
            slug: "seamanship",
            description: "Courses for the sweep",
            icon: "",
            type: "course",
            visibility: "public",
            section: "Learning",
            tierIds: [],
          },
          orgSlug,
        ),
      );
      const courseId = idOf(
        await trpc(
          owner,
          "course.create",
          { spaceId, title: COURSE, slug: "knots", description: "Six knots, tied *well*." },
          orgSlug,
        ),
      );
      coursePath = org(`/s/seamanship/courses/${courseId}`);
      const moduleId = idOf(
        await trpc(owner, "course.createModule", { courseId, title: "Loops" }, orgSlug),
      );
      lessonId = idOf(
        await trpc(
          owner,
          "lesson.create",
          {
            moduleId,
            title: LESSON,
            subtitle: "The rabbit comes out of the hole",
            estimatedMinutes: 8,
            xpReward: 50,
            content: [
              { id: "intro", type: "markdown", markdown: "Make a **small loop** first." },
              { id: "tip", type: "callout", tone: "tip", markdown: "Leave a long tail." },
            ],
          },
          orgSlug,
        ),
      );
      quizId = idOf(
        await trpc(
          owner,
          "lesson.create",
          {
            moduleId,
            title: QUIZ,
            difficulty: "intermediate",
            estimatedMinutes: 4,
            xpReward: 100,
            content: [
              {
                id: "quiz",
                type: "quiz",
                passScore: 50,
                attemptLimit: 3,
                questions: [
                  {
                    id: "loop",
                    kind: "single",
                    prompt: "Which knot makes a fixed loop?",
                    options: [
                      { id: "bowline", text: "Bowline" },
                      { id: "reef", text: "Reef knot" },
                    ],
                    correctOptionId: "bowline",
                  },
                  {
                    id: "name",
                    kind: "short",
                    prompt: "The knot that joins two ropes of different thickness?",
                    acceptedAnswers: ["Sheet bend"],
                  },
                ],
              },
            ],
          },
          orgSlug,
        ),
      );
      for (const id of [lessonId, quizId])
        await trpc(owner, "lesson.setStatus", { id, status: "published" }, orgSlug);
      await trpc(owner, "course.setStatus", { id: courseId, status: "published" }, orgSlug);
      await trpc(owner, "course.enroll", { id: courseId }, orgSlug);
      await trpc(owner, "lesson.complete", { id: lessonId }, orgSlug);
    });
    test("a course space with its courses", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/s/seamanship"), async (page) => {
        await heading("Seamanship")(page);
        await page.getByRole("link", { name: COURSE }).first().waitFor();
      });
    });
    test("a course's outline", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, coursePath, async (page) => {
        await heading(COURSE)(page);
        await page.getByText(QUIZ, { exact: true }).first().waitFor();
      });
    });
    test("a lesson", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, `${coursePath}/lessons/${lessonId}`, async (page) => {
        await heading(LESSON)(page);
        await page.getByText("Leave a long tail.").waitFor();
      });
    });
    test("a quiz lesson", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, `${coursePath}/lessons/${quizId}`, async (page) => {
        await heading(QUIZ)(page);
        await page.getByText("Which knot makes a fixed loop?").waitFor();
      });
    });
    test("the course editor", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, `${coursePath}/edit`, async (page) => {
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await page.getByText(LESSON).first().waitFor();
      });
    });
    test("the lesson editor, with a quiz", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, `${coursePath}/edit/lessons/${quizId}`, async (page) => {
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await page.getByRole("group", { name: "Question 2" }).waitFor();
      });
    });
    test("a course's preview as a member", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, `${coursePath}/edit/preview`, async (page) => {
        await heading(COURSE)(page);
        await page.getByText(QUIZ, { exact: true }).first().waitFor();
      });
    });
    test("my learning", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/learning"), async (page) => {
        await heading("Your learning")(page);
        await page.getByText(/^Loading/).waitFor({ state: "detached" });
      });
    });
    test("learning analytics", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/learning/analytics"), async (page) => {
        await heading("Learning analytics")(page);
        await page.getByText(LESSON).first().waitFor();
      });
    });
    test("the activity log", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/activity"), async (page) => {
        await heading("Activity")(page);
        await page.getByText(/^Loading/).waitFor({ state: "detached" });
      });
    });
    test("the leaderboard", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/leaderboard"), async (page) => {
        await heading("Leaderboard")(page);
        await page.getByRole("main").getByText(ownerName).first().waitFor();
      });
    });
    test("achievements", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/achievements"), async (page) => {
        await heading("Achievements")(page);
        // The member's list and, for an admin, the organization's: both loaded.
        await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
        await page.getByText("First steps").first().waitFor();
      });
    });
    test("the certificates (admins), with the revoke dialog", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      // The owner passes the course's quiz, its last lesson: a certificate to list. Last in the
      // learning section (the screens above show the course in progress); the Free plan allows
      // one course, so it is this one.
      await trpc(
        owner,
        "lesson.submitQuiz",
        {
          lessonId: quizId,
          answers: [
            { questionId: "loop", optionIds: ["bowline"] },
            { questionId: "name", text: "Sheet bend" },
          ],
        },
        orgSlug,
      );
      await sweep(owner, org("/learning/certificates"), async (page) => {
        await heading("Certificates")(page);
        await page.getByText(`${COURSE} · completed`).first().waitFor();
      });
      // The button's name is "Revoke" and, for screen readers, whose and which course.
      await owner.getByRole("button", { name: new RegExp(`^Revoke\\b.*${COURSE}`) }).click();
      await owner.getByRole("dialog").getByLabel("Reason").waitFor();
      const findings = await sweepOpen(owner, "the revoke dialog");
      expect(findings.map((f) => `${f.where}:\n  ${f.problems.join("\n  ")}`).join("\n")).toBe("");
      await owner.keyboard.press("Escape");
    });
  });
  describe("events", () => {
    const org = (path: string) => `/o/${orgSlug}${path}`;
    const MEETUP = "Harbour lights meetup";
    const SERIES = "Tuesday chart reading";
    let meetupPath = "";
    let seriesPath = "";
    // Local wall times some days ahead, as the event form sends them.
    const day = (ahead: number) =>
      new Date(Date.now() + ahead * 86_400_000).toISOString().slice(0, 10);

    test("setting up: an events space, an event with a seat taken and tags, and a weekly series", async ({
      skip,
    }) => {
      skip(flow.failed, "setting up failed");
      // The Free plan's three spaces are in use (community and learning): the chat space, done
      // with, is archived (archived spaces don't count) to make room for the events space.
      const watercooler = idOf(
        await trpcQuery(owner, "space.get", { slug: "watercooler" }, orgSlug),
      );
      await trpc(owner, "space.archive", { id: watercooler, archived: true }, orgSlug);
      const spaceId = idOf(
        await trpc(
          owner,
          "space.create",
          {
            name: "Gatherings",
            slug: "gatherings",
            description: "Events for the sweep",
            icon: "",
            type: "events",
            visibility: "public",
            section: "Events",
            tierIds: [],
          },
          orgSlug,
        ),
      );
      const common = { spaceId, timeZone: "Europe/Paris", description: "Bring a **lantern**." };
      const meetupId = idOf(
        await trpc(
          owner,
          "event.create",
          {
            ...common,
            title: MEETUP,
            startsAt: `${day(5)}T18:30`,
            endsAt: `${day(5)}T20:00`,
            place: "The old customs house, quay 4",
            capacity: 12,
            tags: ["harbour", "social"],
          },
          orgSlug,
        ),
      );
      await trpc(owner, "eventRsvp.respond", { eventId: meetupId, status: "going" }, orgSlug);
      meetupPath = org(`/s/gatherings/events/${meetupId}`);
      const seriesId = idOf(
        await trpc(
          owner,
          "event.create",
          {
            ...common,
            title: SERIES,
            startsAt: `${day(2)}T09:00`,
            endsAt: `${day(2)}T10:00`,
            onlineUrl: "https://meet.example.com/charts",
            recurrence: { frequency: "weekly", interval: 1, count: 4 },
          },
          orgSlug,
        ),
      );
      seriesPath = org(`/s/gatherings/events/${seriesId}`);
    });
    test("the events space", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/s/gatherings"), async (page) => {
        await heading("Gatherings")(page);
        await page.getByText(MEETUP).first().waitFor();
      });
    });
    test("an event with the RSVP panel and its guest list", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, meetupPath, async (page) => {
        await heading(MEETUP)(page);
        await page.getByText("Guest list").first().waitFor();
      });
    });
    test("an occurrence of a weekly series", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, seriesPath, async (page) => {
        await heading(SERIES)(page);
        await page.getByText(/every/i).first().waitFor();
      });
    });
    test("the new event form", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/s/gatherings/events/new"), heading("New event"));
    });
    test("the event form, editing", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, `${meetupPath}/edit`, heading(`Edit ${MEETUP}`));
    });
    test("the calendar, month, week and list", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      for (const view of ["month", "week", "list"])
        await sweep(owner, org(`/calendar?view=${view}`), async (page) => {
          await heading("Calendar")(page);
          await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
        });
    });
    test("the calendar feed: made under the calendar, read by a calendar program", async ({
      skip,
    }) => {
      skip(flow.failed, "setting up failed");
      await owner.goto(org("/calendar?view=list"));
      const card = owner.locator("section", {
        has: owner.getByRole("heading", { name: "Calendar feed" }),
      });
      await card.getByRole("button", { name: "Create feed link" }).click();
      const url = await card.getByRole("textbox").inputValue();
      expect(url).toMatch(/\/api\/calendar\/[^/]+\.ics$/);
      // A calendar program holds no session: the link alone opens the member's events.
      const feed = await owner.context().browser()?.newContext();
      const response = await feed?.request.get(url);
      expect(response?.status()).toBe(200);
      expect(await response?.text()).toContain(`SUMMARY:${MEETUP}`);
      await feed?.close();
    });
    test("an event's attendance", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, `${meetupPath}/attendance`, async (page) => {
        await heading(`Attendance: ${MEETUP}`)(page);
      });
    });
  });
  describe("studio", () => {
    const org = (path: string) => `/o/${orgSlug}${path}`;
    const DRAFT = "Lanterns along the quay: our harbour walk is back this spring.";
    let draftPath = "";
    // Ten days ahead: far from the publishing job's reach while the sweep runs.
    const scheduledAt = new Date(Date.now() + 10 * 86_400_000);
    const scheduledDay = scheduledAt.toISOString().slice(0, 10);

    test("setting up: a draft, a post scheduled to the webhook, the webhook set", async ({
      skip,
    }) => {
      skip(flow.failed, "setting up failed");
      const brief = {
        topic: "Harbour walk",
        tone: "friendly",
        platform: "community",
        length: "short",
      };
      const draftId = idOf(await trpc(owner, "studio.save", { ...brief, body: DRAFT }, orgSlug));
      draftPath = org(`/studio/${draftId}`);
      await trpc(owner, "studio.setWebhook", { url: "https://hooks.example.com/guild" }, orgSlug);
      const scheduledId = idOf(
        await trpc(owner, "studio.save", { ...brief, body: `Save the date. ${DRAFT}` }, orgSlug),
      );
      // `at` is a Date: the wire format lists where its Dates are (the trpc helper lists none).
      const scheduled = await owner.request.post("/api/trpc/studio.schedule", {
        headers: { "content-type": "application/json", "x-guild-org": orgSlug },
        data: {
          json: { id: scheduledId, target: "webhook", at: scheduledAt.toISOString() },
          dates: [["at"]],
        },
      });
      expect(scheduled.status(), await scheduled.text()).toBe(200);
    });
    test("the studio: a new post, the drafts and the webhook card", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/studio"), async (page) => {
        await heading("Studio")(page);
        await page.getByText(DRAFT).first().waitFor();
        await page.getByText(/Deliveries are signed/).waitFor();
      });
    });
    test("the studio's scheduled posts", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/studio?state=scheduled"), async (page) => {
        await heading("Studio")(page);
        await page
          .getByText(/^Save the date/)
          .first()
          .waitFor();
      });
    });
    test("a studio post's editor", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, draftPath, async (page) => {
        await heading("Studio post")(page);
        await page.getByText(`${DRAFT.length} / 500 characters`).waitFor();
      });
    });
    test("the content calendar, as a month grid and a phone's agenda", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org(`/studio/calendar?date=${scheduledDay}`), async (page) => {
        await heading("Content calendar")(page);
        await page
          .getByText(/^Save the date/)
          .first()
          .waitFor();
      });
    });
  });

  describe("assistant", () => {
    const org = (path: string) => `/o/${orgSlug}${path}`;
    let conversationPath = "";
    test("setting up: a question about the pipeline, answered with a lookup", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await owner.setViewportSize(WIDTHS[1]);
      await owner.goto(org("/assistant"));
      const box = owner.getByLabel("Ask the assistant", { exact: true });
      await box.fill("Give me a pipeline summary");
      await box.press("Enter");
      await owner.waitForURL(/\/assistant\/[0-9a-f-]{36}$/);
      await owner.getByText("Looked up: pipeline").waitFor({ timeout: 15_000 });
      await owner.getByText(/totalLeads \d+/).waitFor({ timeout: 15_000 });
      conversationPath = new URL(owner.url()).pathname;
    });
    test("the assistant with its conversations", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, org("/assistant"), async (page) => {
        await heading("Assistant")(page);
        await page.getByRole("heading", { level: 2, name: "New conversation" }).waitFor();
      });
    });
    test("a conversation with a streamed answer", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      await sweep(owner, conversationPath, async (page) => {
        await heading("Assistant")(page);
        await page.getByText(/totalLeads \d+/).waitFor();
      });
    });
  });
  describe("open dialogs, menus, sheets and toasts", () => {
    const org = (path: string) => `/o/${orgSlug}${path}`;
    /** A screen, how to open something over it, and what shows once open (Escape closes it). */
    interface Overlay {
      what: string;
      path: () => string;
      ready: (page: Page) => Promise<unknown>;
      open: (page: Page) => Promise<unknown>;
      shown: (page: Page) => Locator;
      closesOnEscape?: false;
    }

    async function sweepOverlays(size: (typeof WIDTHS)[number], overlays: Overlay[]) {
      const findings: Finding[] = [];
      await owner.setViewportSize(size);
      for (const overlay of overlays) {
        if (new URL(owner.url()).pathname !== overlay.path()) await owner.goto(overlay.path());
        await overlay.ready(owner);
        await overlay.open(owner);
        await overlay.shown(owner).waitFor();
        findings.push(...(await sweepOpen(owner, overlay.what)));
        if (overlay.closesOnEscape === false) continue;
        await owner.keyboard.press("Escape");
        await overlay.shown(owner).waitFor({ state: "hidden" });
      }
      expect(findings.map((f) => `${f.where}:\n  ${f.problems.join("\n  ")}`).join("\n")).toBe("");
    }

    test("at 1280 px: a delete confirmation, the organization switcher, a card's menu, the columns menu, the shortcuts", async ({
      skip,
    }) => {
      skip(flow.failed, "setting up failed");
      const onLead = { path: () => leadPath, ready: heading(leadName) };
      const onPipeline = { path: () => org("/pipeline"), ready: heading("Pipeline") };
      const onLeads = { path: () => org("/leads"), ready: heading("Leads") };
      await sweepOverlays(WIDTHS[1], [
        {
          what: "delete confirmation",
          ...onLead,
          open: (page) => page.getByRole("button", { name: "Delete", exact: true }).first().click(),
          shown: (page) => page.getByRole("dialog"),
        },
        {
          what: "organization switcher",
          ...onLead,
          open: (page) =>
            page.getByRole("complementary", { name: "Sidebar" }).locator("summary").click(),
          shown: (page) => page.getByRole("link", { name: /New organization/ }),
        },
        {
          what: "a card's menu",
          ...onPipeline,
          open: (page) => page.getByRole("button", { name: `Move ${leadName}` }).click(),
          shown: (page) => page.getByRole("menu"),
        },
        {
          what: "the table's columns menu",
          ...onLeads,
          open: (page) => page.getByRole("button", { name: "Columns" }).click(),
          shown: (page) => page.getByRole("menu"),
        },
        {
          what: "keyboard shortcuts",
          ...onLeads,
          open: (page) => page.keyboard.press("?"),
          shown: (page) => page.getByRole("dialog", { name: "Keyboard shortcuts" }),
        },
      ]);
    });

    test("at 390 px: the filters sheet, the menu drawer, a toast", async ({ skip }) => {
      skip(flow.failed, "setting up failed");
      const onLeads = { path: () => org("/leads"), ready: heading("Leads") };
      await sweepOverlays(WIDTHS[0], [
        {
          what: "filters sheet",
          ...onLeads,
          open: (page) => page.getByRole("button", { name: "Filters" }).click(),
          shown: (page) => page.getByRole("dialog"),
        },
        {
          what: "menu drawer",
          ...onLeads,
          open: (page) => page.getByRole("button", { name: "Open menu" }).click(),
          shown: (page) => page.getByRole("dialog", { name: "Menu" }),
        },
        {
          what: "a toast",
          path: () => org("/settings"),
          ready: heading("Settings"),
          open: async (page) => {
            // Save is offered once something changed.
            await page.getByLabel("Organization name", { exact: true }).fill(`${orgName} Ltd`);
            await page.getByRole("button", { name: "Save changes" }).first().click();
          },
          shown: (page) =>
            page.getByRole("region", { name: /^Messages/ }).getByText("Settings saved."),
          closesOnEscape: false,
        },
      ]);
    });
  });

  // Last: the owner becomes a platform admin (the shell then links the console), as
  // `pnpm db:setup-admin` makes one.
  describe("the platform admin console", () => {
    const screens = [
      ["users", "/admin", "Users"],
      ["organizations", "/admin/organizations", "Organizations"],
      ["plans", "/admin/plans", "Plans"],
      ["Stripe events", "/admin/events", "Stripe events"],
      ["audit log", "/admin/audit", "Audit log"],
    ] as const;
    test("setting up: the owner becomes a platform admin", ({ skip }) => {
      skip(flow.failed, "setting up failed");
      setupAdmin(ownerEmail);
    });
    for (const [what, path, title] of screens)
      test(what, async ({ skip }) => {
        skip(flow.failed, "setting up failed");
        await sweep(owner, path, async (page) => {
          await heading(title)(page);
          await page.getByText(/^Loading/).waitFor({ state: "detached" });
        });
      });
  });
});
