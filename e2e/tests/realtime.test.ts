import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  baseURL,
  browserFlow,
  createOrganization,
  linkFromMailbox,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// Two people in two browsers (separate profiles) on one organization: what one changes, the
// other's open screens show without a reload, and a lead assigned to the other raises their
// unread count (a bulk assignment, once). Each step builds on the one before, so a failed step skips the rest.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgSlug = `live-${runId}`;
const leadName = `Live Lead ${runId}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let alice: Page;
let bob: Page;
let bobContext: BrowserContext;
let leadUrl = "";
const bobEmail = uniqueEmail("bob");
/** Event streams Bob's browser opened (each is one HTTP connection). */
const bobStreams: string[] = [];

const flow = browserFlow();

const streamsOpened = () => bobStreams.length;

describe("realtime: two browsers on one organization", { concurrent: false }, () => {
  test("Alice creates an organization and Bob joins it", async () => {
    alice = await signUp(flow.browser, {
      name: "Alice Live",
      email: uniqueEmail("alice"),
      password: PASSWORD,
    });
    flow.pages.push(alice);
    await createOrganization(alice, `Live ${runId}`, orgSlug);

    await alice.goto(`/o/${orgSlug}/members`);
    await alice.getByLabel("Email", { exact: true }).fill(bobEmail);
    // An admin: the CRM is staff-only, and Bob works the leads.
    await alice.getByLabel("Role").selectOption("admin");
    await alice.getByRole("button", { name: "Send invitation" }).click();
    await alice.getByText(bobEmail).first().waitFor();
    const invitation = await linkFromMailbox(bobEmail, /invit/i);

    bob = await signUp(flow.browser, { name: "Bob Live", email: bobEmail, password: PASSWORD });
    flow.pages.push(bob);
    bobContext = bob.context();
    bobContext.on("request", (request) => {
      if (request.url().includes("/api/trpc/realtime.events")) bobStreams.push(request.url());
    });
    await bob.goto(invitation);
    await bob.getByRole("button", { name: "Accept invitation" }).click();
    await bob.waitForURL(new RegExp(`/o/${orgSlug}(/|$)`));
  });

  test("Bob's leads table shows the lead Alice adds, without a reload", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await bob.getByRole("link", { name: "Leads" }).first().click();
    await bob.getByRole("heading", { name: "Leads" }).waitFor();
    await expect.poll(streamsOpened).toBe(1);
    const loads = countLoads(bob);

    await alice.goto(`/o/${orgSlug}/leads/new`);
    await alice.getByLabel("Name", { exact: true }).fill(leadName);
    await alice.getByLabel("Value").fill("4200");
    await alice.getByRole("button", { name: "Save lead" }).click();
    await alice.getByRole("heading", { level: 1, name: leadName }).waitFor();
    leadUrl = new URL(alice.url()).pathname;

    await bob.getByRole("link", { name: leadName }).waitFor({ timeout: 5_000 });
    expect(loads()).toBe(0);
  });

  test("Bob's pipeline moves the card when Alice changes the lead's status", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await bob.getByRole("link", { name: "Pipeline" }).first().click();
    await bob.getByRole("heading", { name: "Pipeline" }).waitFor();
    const column = (status: RegExp) =>
      bob
        .getByRole("listitem")
        .filter({ has: bob.getByRole("heading", { level: 2, name: status }) });
    await column(/^New\b/)
      .getByRole("link", { name: leadName })
      .waitFor();
    const loads = countLoads(bob);

    const saved = alice.waitForResponse((r) => r.url().includes("lead.changeStatus"));
    await alice.getByLabel("Status", { exact: true }).selectOption("qualified");
    expect((await saved).ok()).toBe(true);

    await column(/^Qualified\b/)
      .getByRole("link", { name: leadName })
      .waitFor({ timeout: 5_000 });
    await expect
      .poll(() =>
        column(/^New\b/)
          .getByRole("link", { name: leadName })
          .count(),
      )
      .toBe(0);
    expect(loads()).toBe(0);
    // Still the one stream this browser opened.
    expect(streamsOpened()).toBe(1);
  });

  test("Bob's unread count goes up when Alice assigns him the lead", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await bob.getByRole("link", { name: "Notifications", exact: true }).waitFor();
    await alice.goto(`${leadUrl}/edit`);
    // The owner picker searches the directory as she types (a combobox, not a select).
    const owner = alice.getByRole("combobox", { name: "Owner" });
    await owner.click();
    await owner.fill("Bob");
    await alice.getByRole("option", { name: "Bob Live" }).click();
    await alice.getByRole("button", { name: "Save lead" }).click();
    await alice.getByRole("heading", { level: 1, name: leadName }).waitFor();

    await bob.getByRole("link", { name: "Notifications, 1 unread" }).waitFor({ timeout: 10_000 });
    // Alice assigned it: she is not told.
    await alice.getByRole("link", { name: "Notifications", exact: true }).waitFor();
  });

  test("Bob reads it on the notifications page, by keyboard, on a phone", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await bob.setViewportSize(PHONE);
    await bob.getByRole("link", { name: "Notifications, 1 unread" }).click();
    await bob.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    const item = bob.getByRole("link", { name: `Alice Live assigned you the lead ${leadName}` });
    await item.waitFor();
    expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    const markRead = bob.getByRole("button", { name: /^Mark as read/ });
    await markRead.focus();
    await bob.keyboard.press("Enter");
    await bob.getByRole("link", { name: "Notifications", exact: true }).waitFor();
    await bob.getByText("You are all caught up.").waitFor();
    await expect(markRead.count()).resolves.toBe(0);

    // The settings: mail off for assignments, saved at once.
    const mail = bob.getByRole("checkbox", { name: "A lead is assigned to you: by mail" });
    // Reloaded once the save has answered: a reload in the middle of the request cancels it.
    const saved = bob.waitForResponse(
      (r) =>
        r.request().method() === "POST" && r.url().includes("notification.setPreference") && r.ok(),
    );
    await mail.uncheck();
    await saved;
    await bob.reload();
    await expect(
      bob.getByRole("checkbox", { name: "A lead is assigned to you: by mail" }).isChecked(),
    ).resolves.toBe(false);
    await bob.setViewportSize(DESKTOP);
    await item.click();
    await bob.getByRole("heading", { level: 1, name: leadName }).waitFor();
  });

  test("Bob's second tab shares the first tab's stream, and takes it over when the first closes", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const before = streamsOpened();
    const second = await bobContext.newPage();
    flow.pages.push(second);
    await second.goto(`/o/${orgSlug}/leads`);
    await second.getByRole("link", { name: leadName }).waitFor();
    // The second tab follows the first one's stream: no new connection.
    await second.waitForTimeout(500);
    expect(streamsOpened()).toBe(before);

    await alice.goto(`${leadUrl}/edit`);
    await alice.getByLabel("Name", { exact: true }).fill(`${leadName} (renamed)`);
    await alice.getByRole("button", { name: "Save lead" }).click();
    await second.getByRole("link", { name: `${leadName} (renamed)` }).waitFor({ timeout: 5_000 });

    // The first tab closes: the second subscribes, from the last event it heard.
    await bob.close();
    await expect.poll(streamsOpened).toBe(before + 1);
    expect(decodeURIComponent(bobStreams.at(-1) ?? "")).toContain("lastEventId");
    await alice.goto(`${leadUrl}/edit`);
    await alice.getByLabel("Name", { exact: true }).fill(`${leadName} (again)`);
    await alice.getByRole("button", { name: "Save lead" }).click();
    await second.getByRole("link", { name: `${leadName} (again)` }).waitFor({ timeout: 5_000 });
  });

  test("Bob's open lead page shows Alice's edit, without a reload", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const tab = flow.pages.at(-1);
    if (!tab) throw new Error("no tab");
    await tab.getByRole("link", { name: `${leadName} (again)` }).click();
    await tab.getByRole("heading", { level: 1, name: `${leadName} (again)` }).waitFor();
    const loads = countLoads(tab);
    await alice.goto(`${leadUrl}/edit`);
    await alice.getByLabel("Name", { exact: true }).fill(`${leadName} (final)`);
    await alice.getByLabel("Company").fill("Live Updates Ltd");
    await alice.getByRole("button", { name: "Save lead" }).click();
    await tab
      .getByRole("heading", { level: 1, name: `${leadName} (final)` })
      .waitFor({ timeout: 5_000 });
    await tab.getByText("Live Updates Ltd").first().waitFor();
    expect(loads()).toBe(0);
  });

  test("Bob's open lead page shows the note Alice writes on its timeline", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const tab = flow.pages.at(-1);
    if (!tab) throw new Error("no tab");
    const loads = countLoads(tab);
    await alice.goto(leadUrl);
    const note = `Call her back on Monday ${runId}`;
    await alice.getByLabel("Your note").fill(note);
    await alice.getByRole("button", { name: "Add note" }).click();
    await tab
      .getByRole("list", { name: "Timeline" })
      .getByRole("listitem")
      .filter({ hasText: note })
      .getByText("Alice Live wrote a note")
      .waitFor({ timeout: 5_000 });
    expect(loads()).toBe(0);
  });

  test("Alice gives Bob two leads at once: he is told once, and its link lists his leads", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const tab = flow.pages.at(-1);
    if (!tab) throw new Error("no tab");
    await tab.getByRole("link", { name: "Notifications", exact: true }).waitFor();
    const names = [`Bulk One ${runId}`, `Bulk Two ${runId}`];
    for (const name of names) {
      await alice.goto(`/o/${orgSlug}/leads/new`);
      await alice.getByLabel("Name", { exact: true }).fill(name);
      await alice.getByRole("button", { name: "Save lead" }).click();
      await alice.getByRole("heading", { level: 1, name }).waitFor();
    }
    await alice.goto(`/o/${orgSlug}/leads?q=bulk`);
    for (const name of names) await alice.getByRole("link", { name }).waitFor();
    await alice.getByLabel("Select all loaded rows").check();
    await alice.getByText("2 selected").waitFor();
    await alice.getByRole("button", { name: "Assign owner" }).click();
    const picker = alice.getByRole("combobox", { name: "New owner" });
    await picker.click();
    await picker.fill("Bob");
    await alice.getByRole("option", { name: "Bob Live" }).click();
    await alice.getByRole("button", { name: "Assign", exact: true }).click();
    await alice.getByText("Assigned 2 leads.").waitFor();

    // One notification for the two, live, and one mail that links to his leads.
    await tab.getByRole("link", { name: "Notifications, 1 unread" }).waitFor({ timeout: 10_000 });
    const mailed = new URL(await linkFromMailbox(bobEmail, /assigned you 2 leads/));
    expect(mailed.pathname).toBe(`/o/${orgSlug}/leads`);
    await tab.getByRole("link", { name: "Notifications, 1 unread" }).click();
    await tab.getByRole("link", { name: "Alice Live assigned you 2 leads" }).click();
    await tab.waitForURL((url) => url.pathname === `/o/${orgSlug}/leads`);
    expect(new URL(tab.url()).searchParams.get("owner")).toBe(mailed.searchParams.get("owner"));
    for (const name of names) await tab.getByRole("link", { name }).waitFor();
    await tab.getByRole("link", { name: "Notifications", exact: true }).waitFor();
  });

  test("Alice hands Bob two of her tasks at once: he is told once, and it links to his tasks", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const tab = flow.pages.at(-1);
    if (!tab) throw new Error("no tab");
    const titles = [`Call back ${runId}`, `Send the quote ${runId}`];
    for (const title of titles) {
      const response = await alice.request.post("/api/trpc/task.create", {
        headers: { "content-type": "application/json", "x-guild-org": orgSlug },
        data: {
          json: { title, dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
          dates: [["dueAt"]],
        },
      });
      expect(response.ok(), await response.text()).toBe(true);
    }
    await alice.goto(`/o/${orgSlug}/tasks`);
    for (const title of titles) await alice.getByText(title).first().waitFor();
    await alice.getByLabel("Select all loaded rows").check();
    await alice.getByText("2 selected").waitFor();
    await alice.getByRole("button", { name: "Reassign" }).click();
    const picker = alice.getByRole("combobox", { name: "New assignee" });
    await picker.click();
    await picker.fill("Bob");
    await alice.getByRole("option", { name: "Bob Live" }).click();
    await alice.getByRole("button", { name: "Reassign", exact: true }).last().click();
    await alice.getByText("Reassigned 2 tasks.").waitFor();

    await tab.getByRole("link", { name: "Notifications, 1 unread" }).waitFor({ timeout: 10_000 });
    await tab.getByRole("link", { name: "Notifications, 1 unread" }).click();
    await tab.getByRole("link", { name: "Alice Live assigned you 2 tasks" }).click();
    await tab.waitForURL((url) => url.pathname === `/o/${orgSlug}/tasks`);
    for (const title of titles) await tab.getByText(title).first().waitFor();
  });

  test("a Load more Bob clicks is not lost to a notification arriving while it loads", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const tab = flow.pages.at(-1);
    if (!tab) throw new Error("no tab");
    const headers = { "content-type": "application/json", "x-guild-org": orgSlug };
    const balance = await tab.request.get(
      `/api/trpc/credit.balance?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
      { headers },
    );
    const bobMemberId: string = (await balance.json()).result.data.json.memberId;
    const giveBob = async (title: string) => {
      const response = await alice.request.post("/api/trpc/task.create", {
        headers,
        data: {
          json: {
            title,
            dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            assigneeMemberId: bobMemberId,
          },
          dates: [["dueAt"]],
        },
      });
      expect(response.ok(), await response.text()).toBe(true);
    };
    // More than a page (20) of notifications: the first of these ends up on the second page.
    for (let i = 1; i <= 21; i++) await giveBob(`Paged ${i} ${runId}`);
    await tab.goto(`/o/${orgSlug}/notifications`);
    await tab
      .getByRole("link", {
        name: `Alice Live assigned you the task Paged 21 ${runId}`,
        exact: true,
      })
      .waitFor({
        timeout: 15_000,
      });
    // The next page's answer is held until a new notification has reached Bob's tab.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await tab.route(/\/api\/trpc\/[^?]*notification\.list/, async (route) => {
      const input = decodeURIComponent(route.request().url());
      if (!/"cursor":"/.test(input)) return route.continue();
      const response = await route.fetch();
      await released;
      await route.fulfill({ response }).catch(() => {});
    });
    await tab.getByRole("button", { name: "Load more" }).click();
    // The new notification's live event makes the tab read its notifications again (the unread
    // count at once): only then is the held page let through.
    const countRead = tab.waitForRequest(/\/api\/trpc\/[^?]*notification\.unreadCount/, {
      timeout: 15_000,
    });
    await giveBob(`Arrives meanwhile ${runId}`);
    await countRead;
    release();
    await tab
      .getByRole("link", { name: `Alice Live assigned you the task Paged 1 ${runId}`, exact: true })
      .waitFor();
    await tab
      .getByRole("link", {
        name: `Alice Live assigned you the task Arrives meanwhile ${runId}`,
        exact: true,
      })
      .waitFor();
    await tab.unrouteAll({ behavior: "ignoreErrors" });
  });

  test("a page Bob opens asks once for its list, and still hears of a lead added before its stream started", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    // Bob in a browser of his own (his cookies, no other tab): this page's stream is its own.
    const context = await flow.browser.newContext({
      baseURL,
      storageState: await bobContext.storageState(),
    });
    context.setDefaultTimeout(15_000);
    const tab = await context.newPage();
    flow.pages.push(tab);
    const asked: string[] = [];
    tab.on("request", (request) => {
      const path = /\/api\/trpc\/([^?]+)/.exec(request.url())?.[1];
      if (path) asked.push(...path.split(","));
    });
    const count = (procedure: string) => asked.filter((p) => p === procedure).length;

    // A quiet load: the session and the organization come with the page, the list is read once;
    // the stream starting afterwards makes nothing stale, as nothing happened since the page.
    const streamAnswered = tab.waitForResponse(/\/api\/trpc\/realtime\.events/);
    await tab.goto(`/o/${orgSlug}/leads`);
    await tab.getByRole("heading", { name: "Leads" }).waitFor();
    await tab.getByRole("row").nth(1).waitFor();
    await streamAnswered;
    await tab.waitForTimeout(1_000);
    expect(count("me.session")).toBe(0);
    expect(count("organization.current")).toBe(0);
    expect(count("lead.list")).toBe(1);

    // Alice adds a lead after the page was read and before its stream starts (held here): the
    // stream picks up from where the page was read, so the lead still arrives.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await tab.route(/\/api\/trpc\/realtime\.events/, async (route) => {
      await released;
      await route.continue().catch(() => {});
    });
    asked.length = 0;
    await tab.reload();
    await tab.getByRole("row").nth(1).waitFor();
    const early = `Before the stream ${runId}`;
    const created = await alice.request.post("/api/trpc/lead.create", {
      headers: { "content-type": "application/json", "x-guild-org": orgSlug },
      data: { json: { name: early } },
    });
    expect(created.ok(), await created.text()).toBe(true);
    await tab.waitForTimeout(300);
    await expect(tab.getByRole("link", { name: early }).count()).resolves.toBe(0);
    release();
    await tab.getByRole("link", { name: early }).waitFor({ timeout: 5_000 });
    // Read twice: on load, and for Alice's lead.
    expect(count("lead.list")).toBe(2);
    await tab.unrouteAll({ behavior: "ignoreErrors" });
  });
});

/** How many full page loads a page makes from now on (a reload would count). */
function countLoads(page: Page): () => number {
  let loads = 0;
  page.on("load", () => {
    loads++;
  });
  return () => loads;
}
