import { createServer, type IncomingMessage, request } from "node:http";
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { baseURL, browserFlow, signUp, uniqueEmail } from "../support/browser.ts";

// What a user notices first when layouts, errors and forms go wrong: one user, one organization,
// on a phone-sized screen (390×844) where overflow shows. Each step builds on the one before, so
// a failed step skips the rest.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgName = `Ux ${runId}`;
const orgSlug = `ux-${runId}`;
const PHONE = { width: 390, height: 844 };
const LONG_URL =
  "https://docs.google.com/document/d/1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghijk/edit?usp=sharing&ouid=1234567890";

const email = uniqueEmail("una");
let page: Page;

const flow = browserFlow({ pages: () => [page] });

/**
 * A reverse proxy in front of the app on its own port: it forwards every request, except those
 * `fails` picks, which it answers itself with a 502 HTML page, as nginx does when its upstream
 * is down.
 */
async function startProxy(target: string, fails: (req: IncomingMessage) => boolean | undefined) {
  const upstream = new URL(target);
  let failed = 0;
  const server = createServer((req, res) => {
    if (fails(req)) {
      failed++;
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>");
      return;
    }
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on("error", () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy is not listening");
  return {
    url: `http://127.0.0.1:${address.port}`,
    get failed() {
      return failed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** How many lines an element's text takes on screen (a name broken a few letters a line: many). */
function linesOf(element: Locator) {
  return element.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });
}

/** How far the page scrolls sideways: more than the viewport means something sticks out. */
function pageWidth(p: Page) {
  return p.evaluate(() => document.documentElement.scrollWidth);
}

async function addLead(
  p: Page,
  lead: { name: string; value?: string; notes?: string; status?: string },
) {
  await p.goto(`/o/${orgSlug}/leads/new`);
  await p.getByLabel("Name", { exact: true }).fill(lead.name);
  if (lead.value) await p.getByLabel("Value").fill(lead.value);
  if (lead.status) await p.getByLabel("Status").selectOption(lead.status);
  if (lead.notes) await p.getByLabel("Notes").fill(lead.notes);
  await p.getByRole("button", { name: "Save lead" }).click();
  await p.getByRole("heading", { level: 1, name: lead.name }).waitFor();
}

describe("layouts, messages and forms a user notices", { concurrent: false }, () => {
  test("a new organization's form drops each error as its field is fixed", async () => {
    page = await signUp(flow.browser, { name: "Una Example", email, password: PASSWORD });
    await page.setViewportSize(PHONE);
    await page.goto("/organizations/new");
    const name = page.getByLabel("Organization name", { exact: true });
    const slug = page.getByLabel("Slug", { exact: true });
    const nameError = page.locator(`[id="${await name.getAttribute("id")}-error"]`);
    const slugError = page.locator(`[id="${await slug.getAttribute("id")}-error"]`);

    await slug.fill("a-");
    await page.getByRole("button", { name: "Create organization" }).click();
    await nameError.waitFor();
    // Two refusals for one slug are two sentences, not one run-on line.
    await expect(slugError.locator("p").allInnerTexts()).resolves.toEqual([
      "Slug must be at least 3 characters.",
      "Use lowercase letters, digits and single dashes.",
    ]);

    await name.fill(orgName);
    await expect(nameError.count()).resolves.toBe(0);
    await expect(slugError.count()).resolves.toBe(1);
    await slug.fill(orgSlug);
    await expect(slugError.count()).resolves.toBe(0);
    // With the error gone, the live check under the field shows again.
    await page.getByText(`${orgSlug} is available.`).waitFor();

    await page.getByRole("button", { name: "Create organization" }).click();
    await page.waitForURL(new RegExp(`/o/${orgSlug}(/|$)`));
    // On a phone the organization's navigation is behind the top bar's menu button.
    await page.getByRole("button", { name: "Open menu" }).waitFor();
    await expect.poll(() => page.title()).toBe(`Dashboard · ${orgName} · Guild`);
  });

  test("the member directory and its invitations keep names and addresses whole", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/members`);
    const invitee = uniqueEmail("ivy");
    await page.getByLabel("Email", { exact: true }).fill(invitee);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("button", { name: `Revoke the invitation of ${invitee}` }).waitFor();
    // The controls beside them (CRM access, role, Resend, Revoke) go below on a phone: they
    // squeezed the text column to a few letters a line.
    const me = page.getByRole("listitem").filter({ hasText: "(you)" });
    await expect(linesOf(me.getByText("Una Example"))).resolves.toBe(1);
    await expect(linesOf(me.getByText(email, { exact: true }))).resolves.toBe(1);
    await expect(linesOf(page.getByText(invitee, { exact: true }))).resolves.toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });

  test("the owner picker answers typing after Escape or a choice, as a fresh search", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/leads/new`);
    const owner = page.getByRole("combobox", { name: "Owner" });
    const option = (name: string) => page.getByRole("option", { name });
    await owner.focus();
    await page.keyboard.press("ArrowDown");
    await option("No owner").waitFor();
    await page.keyboard.press("Escape");
    await expect(owner.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect.poll(() => owner.inputValue()).toBe("Una Example");
    // The caret sat after the shown name: "una" searched for "Una Exampleuna" and found no one.
    await page.keyboard.type("una");
    await expect(owner.inputValue()).resolves.toBe("una");
    await option("Una Example").waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(owner.inputValue()).resolves.toBe("Una Example");
    await page.keyboard.type("no");
    await expect(owner.inputValue()).resolves.toBe("no");
    await page
      .getByRole("status")
      .filter({ hasText: "No one with CRM access matches “no”." })
      .waitFor();
    await page.keyboard.press("Enter");
    await expect(owner.inputValue()).resolves.toBe("No owner");
  });

  test("a long URL in a lead's notes wraps instead of widening the page", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await addLead(page, { name: `Notes ${runId}`, value: "12000", notes: `Deck: ${LONG_URL}` });
    await page.getByText(LONG_URL).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expect.poll(() => page.title()).toBe(`Notes ${runId} · ${orgName} · Guild`);
  });

  test("pipeline cards hold their value and menu up to the largest value", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await addLead(page, { name: `Mid ${runId}`, value: "99999.99" });
    // The form's maximum: $100 billion.
    await addLead(page, { name: `Huge ${runId}`, value: "100000000000" });
    await page.goto(`/o/${orgSlug}/pipeline`);
    await page.getByRole("heading", { name: "Pipeline" }).waitFor();
    // A card: the list item with the lead's link, inside a column (which has a heading).
    const cardOf = (name: string) =>
      page
        .getByRole("listitem")
        .filter({ has: page.getByRole("link", { name }) })
        .filter({ hasNot: page.getByRole("heading") });
    for (const name of [`Notes ${runId}`, `Mid ${runId}`, `Huge ${runId}`]) {
      const card = cardOf(name);
      await card.waitFor();
      // Past the card's padding counts: that is where the menu went from $10,000 on.
      const sticksOut = await card.evaluate((element) => {
        const style = getComputedStyle(element);
        const edge =
          element.getBoundingClientRect().right -
          Number.parseFloat(style.borderRightWidth) -
          Number.parseFloat(style.paddingRight);
        return Math.max(
          ...[...element.querySelectorAll("*")].map((e) => e.getBoundingClientRect().right - edge),
        );
      });
      expect(sticksOut, name).toBeLessThanOrEqual(0);
    }
    // Shortened on the card, exact on hover and for screen readers.
    await cardOf(`Huge ${runId}`).getByTitle("$100,000,000,000.00").getByText("$100B").waitFor();
  });

  test("moving a lead with its menu keeps keyboard focus on that menu", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const menu = page.getByRole("button", { name: `Move Mid ${runId}` });
    await menu.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menuitem", { name: "Won" }).click();
    const won = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 2, name: /^Won\b/ }) });
    // The card is a new one in the Won column: its menu has the focus, not the page start.
    const moved = won.getByRole("button", { name: `Move Mid ${runId}` });
    await moved.waitFor();
    await expect.poll(() => moved.evaluate((e) => e === document.activeElement)).toBe(true);
  });

  test("a card is dragged to the next stage by keyboard, and Won collapses and stays so", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const column = (name: RegExp) =>
      page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name }) });
    await column(/^New\b/)
      .getByRole("link", { name: `Notes ${runId}` })
      .waitFor();
    // What a screen reader hears (dnd-kit's live region): each key once the last one took effect.
    const announced = () =>
      page.evaluate(() => document.querySelector("[id^=DndLiveRegion]")?.textContent ?? "");
    await page.getByRole("button", { name: `Drag Notes ${runId}` }).focus();
    await page.keyboard.press("Space");
    // Picked up (and at once over its own column, which replaces the first announcement).
    await expect.poll(announced).toMatch(/^Picked up Notes|is over New/);
    await page.keyboard.press("ArrowRight");
    // The board scrolls to the next column first (a phone shows one column): drop once the
    // card is over it, as a person would.
    await expect.poll(announced).toMatch(/is over Contacted/);
    const saved = page.waitForResponse((r) => r.url().includes("lead.changeStatus"));
    await page.keyboard.press("Space");
    expect((await saved).ok()).toBe(true);
    await column(/^Contacted\b/)
      .getByRole("link", { name: `Notes ${runId}` })
      .waitFor();
    // Saved, not only shown: still there after a reload.
    await page.reload();
    await column(/^Contacted\b/)
      .getByRole("link", { name: `Notes ${runId}` })
      .waitFor();

    const collapse = page.getByRole("button", { name: "Collapse Won" });
    await collapse.click();
    await expect(column(/Won/).getByRole("link").count()).resolves.toBe(0);
    await page.reload();
    const expand = page.getByRole("button", { name: "Expand Won" });
    await expect(expand.getAttribute("aria-expanded")).resolves.toBe("false");
    await expand.click();
    await column(/^Won\b/)
      .getByRole("link", { name: `Mid ${runId}` })
      .waitFor();
  });

  test("the dashboard and the leads table fit a phone with huge values", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}`);
    await page.getByRole("heading", { name: "By stage" }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.goto(`/o/${orgSlug}/leads`);
    await page.getByRole("link", { name: `Huge ${runId}` }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expect.poll(() => page.title()).toBe(`Leads · ${orgName} · Guild`);
  });

  test("the dashboard's report follows the period and my deals, with a chart of won value", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}`);
    // A lead was moved to Won above: this month has a bar, and the same figures as a table.
    // The chart loads as it nears the viewport: on a phone, once scrolled to.
    await page.getByRole("heading", { name: "Won per month" }).scrollIntoViewIfNeeded();
    // Drawn (a canvas: the bars are pixels; the figures are in the table below).
    await page.locator('[data-chart="won"][data-drawn] canvas').first().waitFor();
    await page.getByText("Show as a table").click();
    await page.getByRole("table", { name: "Won per month" }).getByRole("row").nth(1).waitFor();
    await page.getByText("New → Contacted").waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.getByLabel("Leads created").selectOption("30d");
    await expect.poll(() => new URL(page.url()).searchParams.get("period")).toBe("30d");
    await page.getByLabel("My deals").check();
    await expect.poll(() => new URL(page.url()).searchParams.get("mine")).toBe("true");
    // Kept on reload: the view is in the address.
    await page.reload();
    await expect(page.getByLabel("My deals").isChecked()).resolves.toBe(true);
    await expect(page.getByLabel("Leads created").inputValue()).resolves.toBe("30d");
  });

  test("a bulk delete says how many leads it deleted, and Undo brings them back", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await addLead(page, { name: `Bulk A ${runId}` });
    await addLead(page, { name: `Bulk B ${runId}` });
    await page.goto(`/o/${orgSlug}/leads?q=${encodeURIComponent(`Bulk`)}`);
    await page.getByLabel(`Select Bulk A ${runId}`).check();
    await page.getByLabel(`Select Bulk B ${runId}`).check();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    // A toast, in the app's polite live region (what screen readers hear as a status).
    const messages = page.getByRole("region", { name: /^Messages/ });
    await messages.getByText("Deleted 2 leads.").waitFor();
    await expect(page.getByLabel(`Select Bulk A ${runId}`).count()).resolves.toBe(0);
    // The button that did it is gone with the rows: focus is on the list, not the page start.
    const list = page.getByRole("region", { name: "Lead list" });
    await expect.poll(() => list.evaluate((e) => e === document.activeElement)).toBe(true);
    // Undo restores them on the server (soft delete), not by having held the request back.
    await messages.getByRole("button", { name: "Undo" }).click();
    await messages.getByText("Restored 2 leads.").waitFor();
    await page.getByLabel(`Select Bulk A ${runId}`).waitFor();
    await page.reload();
    await page.getByLabel(`Select Bulk B ${runId}`).waitFor();
  });

  test("an unknown address inside the organization keeps the app frame", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/no-such-page`);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    // The phone's menu holds the organization's navigation and the user menu.
    await page.getByRole("button", { name: "Open menu" }).click();
    const menu = page.getByRole("dialog", { name: "Menu" });
    await menu.getByRole("navigation", { name: "Organization" }).waitFor();
    await menu.getByRole("button", { name: "Sign out" }).waitFor();
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "hidden" });
    await page.getByRole("link", { name: "Go to the dashboard" }).click();
    await page.waitForURL(new RegExp(`/o/${orgSlug}$`));
  });

  test("a proxy's error page is not shown as raw text", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    // The app behind a real reverse proxy, as in production, whose upstream fails for one call:
    // the proxy answers that one with its own HTML 502 page (the real server never sends one).
    const proxy = await startProxy(baseURL, (req) => req.url?.startsWith("/api/trpc/lead.create"));
    try {
      // Same host, other port: the session cookie goes along.
      await page.goto(`${proxy.url}/o/${orgSlug}/leads/new`);
      await page.getByLabel("Name", { exact: true }).fill(`Proxy ${runId}`);
      await page.getByRole("button", { name: "Save lead" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "Something went wrong" });
      await alert.waitFor();
      expect(await alert.textContent()).not.toMatch(/Unexpected token|JSON|<html/);
      expect(proxy.failed).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  test("better-auth's terse refusals read as sentences", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto("/account");
    const card = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "Email address" }) });
    await card.getByLabel("New email address").fill(email);
    await card.getByRole("button", { name: "Change email" }).click();
    await card
      .getByRole("alert")
      .filter({ hasText: "That is already your email address." })
      .waitFor();
  });
});
