import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  DESKTOP,
  PASSWORD,
  PHONE,
  pageWidth,
  seriousA11yProblems,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";
import { idOf, trpc } from "../support/trpc.ts";

// Unread marks and the sidebar's order, with two people in browsers of their own. The owner posts
// in a discussion space and the member (1280 px) sees "Lounge, 1 unread" come into their sidebar
// without a reload, finds the post marked New in the home feed and in the space, and the mark
// clears as they open it. A chat message does the same at 390 px (the phone's menu), and a muted
// space shows no mark. Then the owner reorders the spaces and a group by keyboard alone, and the
// member's open sidebar follows live. Last, a paid space the member has no tier for stays out of their
// sidebar, but the tiers screen names it under the tier that opens it. Each step builds on the
// one before.

const runId = Date.now().toString(36);
const slug = `unread-${runId}`;

let owner: Page;
let member: Page;
const spaceIds: Record<string, string> = {};

const flow = browserFlow();

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Organization" });

/** The sidebar's space links, in order, by accessible name. */
const spaceOrder = (page: Page) =>
  page.getByTestId("space-nav").getByRole("link").allTextContents();

const publish = (spaceId: string, title: string) =>
  trpc(
    owner,
    "post.create",
    { spaceId, title, body: `${title}, the body.`, type: "discussion", tags: [], publish: true },
    slug,
  );

describe("unread marks and the spaces' order", { concurrent: false }, () => {
  test("the owner makes three spaces (one in a group) and a member joins", async () => {
    owner = await signUp(flow.browser, {
      name: "Olga Owner",
      email: uniqueEmail("olga"),
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await owner.setViewportSize(DESKTOP);
    await createOrganization(owner, `Unread ${runId}`, slug);
    for (const [name, type, section] of [
      ["Lounge", "discussion", ""],
      ["Banter", "chat", ""],
      ["Library", "discussion", "Reading"],
    ] as const)
      spaceIds[name] = idOf(
        await trpc(
          owner,
          "space.create",
          {
            name,
            slug: name.toLowerCase(),
            description: "",
            icon: "",
            type,
            visibility: "public",
            section,
          },
          slug,
        ),
      );
    const email = uniqueEmail("milo");
    const invitation = await trpc(owner, "invitation.create", { email, role: "member" }, slug);
    member = await signUp(flow.browser, { name: "Milo Member", email, password: PASSWORD });
    flow.pages.push(member);
    await trpc(member, "me.invitations.accept", { id: idOf(invitation) });
    await member.setViewportSize(DESKTOP);
  });

  test("a post reaches the member's sidebar live as an unread mark, and New in the feeds", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await member.goto(`/o/${slug}/feed`);
    await member.getByRole("heading", { name: "All posts" }).waitFor();
    await sidebar(member).getByRole("link", { name: "Lounge", exact: true }).waitFor();
    // Let the member's event stream settle before anything happens.
    await member.waitForTimeout(500);
    await publish(spaceIds.Lounge!, "Fresh news");
    await sidebar(member)
      .getByRole("link", { name: "Lounge, 1 unread" })
      .waitFor({ timeout: 10_000 });
    const homeCard = member.getByRole("article", { name: "Fresh news" });
    await homeCard.waitFor({ timeout: 10_000 });
    await homeCard.getByText("New", { exact: true }).waitFor();
    expect(await seriousA11yProblems(member)).toEqual([]);

    await sidebar(member).getByRole("link", { name: "Lounge, 1 unread" }).click();
    await member.getByRole("heading", { level: 1, name: "Lounge" }).waitFor();
    // Opened: the mark clears, and what was new stays labelled for this visit.
    await sidebar(member).getByRole("link", { name: "Lounge", exact: true }).waitFor();
    await member
      .getByRole("article", { name: "Fresh news" })
      .getByText("New", { exact: true })
      .waitFor();
    // A post arriving while the member looks at the space is read at once, and labelled New.
    await publish(spaceIds.Lounge!, "While you look");
    const live = member.getByRole("article", { name: "While you look" });
    await live.waitFor({ timeout: 10_000 });
    await live.getByText("New", { exact: true }).waitFor();
    await member.waitForTimeout(1_000);
    await sidebar(member).getByRole("link", { name: "Lounge", exact: true }).waitFor();
    // Back on the home feed the space's posts are no longer new.
    await member.goto(`/o/${slug}/feed`);
    await member.getByRole("article", { name: "Fresh news" }).waitFor();
    await expect(
      member.getByRole("article", { name: "Fresh news" }).getByText("New", { exact: true }).count(),
    ).resolves.toBe(0);
  });

  test("at 390 px a chat message marks its space in the menu, opening it reads it, a muted space shows none", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await member.setViewportSize(PHONE);
    await trpc(member, "space.join", { spaceId: spaceIds.Lounge }, slug);
    await trpc(member, "space.mute", { spaceId: spaceIds.Lounge, muted: true }, slug);
    await member.goto(`/o/${slug}/feed`);
    await member.getByRole("heading", { name: "All posts" }).waitFor();
    await member.waitForTimeout(500);
    await publish(spaceIds.Lounge!, "Said while muted");
    await trpc(owner, "chat.post", { spaceId: spaceIds.Banter, body: "Anyone around?" }, slug);
    await member.getByRole("button", { name: "Open menu" }).click();
    const menu = member.getByRole("dialog");
    await menu.getByRole("link", { name: "Banter, 1 unread" }).waitFor({ timeout: 10_000 });
    // The muted space has news too, but says nothing.
    await menu.getByRole("link", { name: "Lounge (muted)", exact: true }).waitFor();
    await expect(menu.getByRole("link", { name: /^Lounge.*unread/ }).count()).resolves.toBe(0);
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
    await menu.getByRole("link", { name: "Banter, 1 unread" }).click();
    const log = member.getByRole("log", { name: "Messages in Banter" });
    await log.getByText("Anyone around?").waitFor();
    // The unread message sits below a "New messages" line, which stays while the member reads.
    const items = log.getByRole("listitem");
    await items.filter({ hasText: "New messages" }).waitFor();
    expect(await items.allInnerTexts()).toEqual([
      expect.stringContaining("New messages"),
      expect.stringContaining("Anyone around?"),
    ]);
    await member.getByRole("button", { name: "Open menu" }).click();
    await member
      .getByRole("dialog")
      .getByRole("link", { name: "Banter", exact: true })
      .waitFor({ timeout: 10_000 });
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(member)).toEqual([]);
    await member.keyboard.press("Escape");
  });

  test("the owner reorders spaces and a group by keyboard; the member sees the new order", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await member.setViewportSize(DESKTOP);
    await expect.poll(() => spaceOrder(member)).toEqual(["Lounge (muted)", "Banter", "Library"]);
    await owner.goto(`/o/${slug}/feed`);
    await owner.getByRole("heading", { name: "All posts" }).waitFor();
    await expect.poll(() => spaceOrder(owner)).toEqual(["Lounge", "Banter", "Library"]);
    const open = sidebar(owner).getByRole("button", { name: "Reorder spaces" });
    await open.focus();
    await owner.keyboard.press("Enter");
    const dialog = owner.getByRole("dialog", { name: "Reorder spaces" });
    await dialog.getByRole("list", { name: "Spaces in Spaces" }).waitFor();
    // Banter to the top: the focus stays on its button, so Enter again would move it further.
    await dialog.getByRole("button", { name: "Move Banter up" }).focus();
    await owner.keyboard.press("Enter");
    await expect
      .poll(() => dialog.getByRole("list", { name: "Spaces in Spaces" }).textContent())
      .toMatch(/Banter[\s\S]*Lounge/);
    await expect
      .poll(() => owner.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Move Banter down");
    // Library leaves its group upwards, to the end of the ungrouped spaces.
    await dialog.getByRole("button", { name: "Move Library up" }).focus();
    await owner.keyboard.press("Enter");
    await dialog.getByRole("list", { name: "Spaces in Spaces" }).getByText("Library").waitFor();
    await owner.getByText("Library moved to position 3 of 3 in Spaces").waitFor();
    // And back down into it, then save, all from the keyboard.
    await owner.keyboard.press("Tab");
    await expect
      .poll(() => owner.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Move Library down");
    await owner.keyboard.press("Enter");
    await dialog.getByRole("list", { name: "Spaces in Reading" }).getByText("Library").waitFor();
    await dialog.getByRole("button", { name: "Save order" }).focus();
    await owner.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => spaceOrder(owner)).toEqual(["Banter", "Lounge", "Library"]);
    expect(await seriousA11yProblems(owner)).toEqual([]);

    // The member's open sidebar follows without a reload (space.reordered), and so does the
    // phone's menu.
    await expect
      .poll(() => spaceOrder(member), { timeout: 10_000 })
      .toEqual(["Banter", "Lounge (muted)", "Library"]);
    await member.setViewportSize(PHONE);
    await member.getByRole("button", { name: "Open menu" }).click();
    const menu = member.getByRole("dialog");
    await menu.getByRole("link", { name: "Banter", exact: true }).waitFor();
    await expect(
      menu.getByTestId("space-nav").getByRole("link").allTextContents(),
    ).resolves.toEqual(["Banter", "Lounge (muted)", "Library"]);
    await member.keyboard.press("Escape");
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
  });

  test("the reorder dialog fits a 390 px screen", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await owner.setViewportSize(PHONE);
    await owner.getByRole("button", { name: "Open menu" }).click();
    await owner.getByRole("dialog").getByRole("button", { name: "Reorder spaces" }).click();
    const dialog = owner.getByRole("dialog", { name: "Reorder spaces" });
    await dialog.getByRole("button", { name: "Move Lounge up" }).waitFor();
    expect(await pageWidth(owner)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(owner)).toEqual([]);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
  });

  test("a paid space stays hidden, but the tiers screen names it under the tier that opens it", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const tier = idOf(
      await trpc(
        owner,
        "memberTier.create",
        {
          name: "Patron",
          description: "For readers.",
          currency: "usd",
          monthlyPrice: null,
          yearlyPrice: null,
          lifetimePrice: null,
          trialDays: 0,
          sortOrder: 0,
        },
        slug,
      ),
    );
    const library = {
      id: spaceIds.Library,
      name: "Library",
      slug: "library",
      description: "",
      icon: "📚",
      type: "discussion",
      section: "Reading",
    };
    await trpc(owner, "space.update", { ...library, visibility: "paid" }, slug);
    await trpc(owner, "space.setTiers", { spaceId: spaceIds.Library, tierIds: [tier] }, slug);

    await member.goto(`/o/${slug}/tiers`);
    await member.getByRole("heading", { level: 1, name: "Member tiers" }).waitFor();
    const card = member.getByRole("listitem", { name: "Patron" });
    await card.getByRole("list", { name: "Spaces this tier opens" }).getByText("Library").waitFor();
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(member)).toEqual([]);
    // Not in the member's sidebar, and not found at its address, until they hold the tier.
    await member.getByRole("button", { name: "Open menu" }).click();
    const menu = member.getByRole("dialog");
    await menu.getByRole("link", { name: "Banter", exact: true }).waitFor();
    await expect(menu.getByRole("link", { name: /Library/ }).count()).resolves.toBe(0);
    await member.keyboard.press("Escape");
    await card.getByRole("button", { name: "Join Patron" }).click();
    await member.getByText("You joined Patron.").waitFor();
    await member.getByRole("button", { name: "Open menu" }).click();
    await member
      .getByRole("dialog")
      .getByRole("link", { name: /^Library/ })
      .waitFor({ timeout: 10_000 });
  });
});
