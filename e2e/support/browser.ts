import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { z } from "zod";
import { idOf, trpc } from "./trpc.ts";

// Debian's chromium, never a Playwright-downloaded browser. These flags keep it from reaching
// for Google's services on a closed network (each attempt is a refused connection).
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
    throw new Error("chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH");
  }
}

export const baseURL = inject("baseURL");

/** Every e2e user's password (long enough for the sign-up form's rule). */
export const PASSWORD = "e2e-password-1234";
/** The widths every screen must work at: a phone's and a desktop's. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** The page's content width: wider than the viewport, it scrolls sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
}

/** A fresh browser profile (its own cookies) for one user, with the app as base URL. */
export async function newUserPage(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

const resultsDir = fileURLToPath(new URL("../test-results/", import.meta.url));

/** Saves a screenshot of each page for a failed test (e2e/test-results/, git-ignored). */
export async function screenshotPages(testName: string, pages: Page[]) {
  await mkdir(resultsDir, { recursive: true });
  const slug = testName.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  await Promise.all(
    pages
      .filter((p) => !p.isClosed())
      .map((p, i) =>
        p
          .screenshot({ path: join(resultsDir, `${slug}-${i}.png`), fullPage: true })
          .catch(() => {}),
      ),
  );
}

/**
 * What every browser test file sets up: one browser for the file (closed after it) and, when a test
 * fails, a screenshot of the pages in play plus `failed` set, so that the steps after it, which
 * build on it, can `skip(flow.failed, …)` instead of piling up. The pages screenshotted are those
 * pushed onto `flow.pages`, or what `options.pages` returns (for a file that reassigns one page).
 * `options.stopsFlow` narrows which failures set `failed` (default: any).
 * Call it at the top of the file: it registers the hooks.
 */
export function browserFlow(
  options: {
    pages?: () => Array<Page | undefined>;
    stopsFlow?: (testName: string) => boolean;
  } = {},
) {
  let browser: Browser | undefined;
  let failed = false;
  const pages: Page[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail") return;
    if (options.stopsFlow?.(task.name) ?? true) failed = true;
    const inPlay = options.pages ? options.pages().filter((p) => p !== undefined) : pages;
    await screenshotPages(task.name, inPlay);
  });

  return {
    get browser(): Browser {
      if (!browser) throw new Error("the browser is launched in beforeAll");
      return browser;
    },
    get failed() {
      return failed;
    },
    pages,
  };
}

const mailbox = z.array(
  z.object({ to: z.string(), subject: z.string(), text: z.string(), link: z.string().optional() }),
);

/** Polls the server's dev mailbox for a mail to `to` whose subject matches, and returns its link. */
export async function linkFromMailbox(to: string, subject: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseURL}/dev/mailbox?to=${encodeURIComponent(to)}`, {
      headers: { accept: "application/json" },
    });
    if (!response.ok) throw new Error(`GET /dev/mailbox answered ${response.status}`);
    const mails = mailbox.parse(await response.json());
    const mail = mails.find((m) => subject.test(m.subject));
    if (mail?.link) return mail.link;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} with subject ${subject} in the dev mailbox`);
}

/**
 * Creates an organization from the form (at "/", or wherever the page is sent first) and waits
 * for its home: most flows start here after signing up.
 */
export async function createOrganization(page: Page, name: string, slug: string) {
  await page.goto("/organizations/new");
  await page.getByLabel("Organization name", { exact: true }).fill(name);
  await page.getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.waitForURL(new RegExp(`/o/${slug}(/|$)`));
  await page.getByRole("link", { name: "Home" }).first().waitFor();
}

/** A unique address per run, so reruns against a kept database never collide. */
export function uniqueEmail(who: string): string {
  return `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.guild.test`;
}

/**
 * Signs up through the form and opens the verification link from the dev mailbox, which
 * verifies the address and signs the user in. Returns the user's page, signed in.
 */
export async function signUp(
  browser: Browser,
  user: { name: string; email: string; password: string },
): Promise<Page> {
  const { page } = await newUserPage(browser);
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill(user.name);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-up"));
  // better-auth sends a bad or expired token back with ?error=.
  const link = await linkFromMailbox(user.email, /verify/i);
  await page.goto(link);
  await page.waitForURL((url) => !url.pathname.startsWith("/api/"));
  const error = new URL(page.url()).searchParams.get("error");
  if (error) throw new Error(`email verification failed: ${error}`);
  return page;
}

/** Waits until the page's CSS transitions (colours fading, a toast sliding) have ended. */
export async function transitionsEnded(page: Page): Promise<void> {
  // Only transitions: a spinner's animation never finishes.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/**
 * axe's serious and critical findings on the page once its CSS transitions have ended ("rule:
 * target" each). Mid-transition colours are no one's to read: a toast stacked behind a new one
 * fades its text out, and axe caught it half-faded at 1.5:1 (posts.test, two toasts in a row).
 */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  await transitionsEnded(page);
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(" ")}`));
}

/** Fits the page's width (nothing scrolls sideways) and axe finds nothing serious, at both sizes. */
export async function fitsAtBothWidths(page: Page, ready: () => Promise<unknown>) {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await ready();
    expect(await pageWidth(page)).toBeLessThanOrEqual(size.width);
    expect(await seriousA11yProblems(page)).toEqual([]);
  }
}

/**
 * Someone `inviter` invites into organization `slug` with `role`, who signs up (a browser profile
 * of their own) and accepts through the API. Returns their page, signed in.
 */
export async function joinByInvitation(
  browser: Browser,
  inviter: Page,
  slug: string,
  person: { name: string; email: string; role: "admin" | "moderator" | "member" },
): Promise<Page> {
  const invitation = await trpc(
    inviter,
    "invitation.create",
    { email: person.email, role: person.role },
    slug,
  );
  const page = await signUp(browser, {
    name: person.name,
    email: person.email,
    password: PASSWORD,
  });
  await trpc(page, "me.invitations.accept", { id: idOf(invitation) });
  return page;
}
