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

// Moderation as two people meet it, each in a browser of their own: the owner (1280 px) locks a
// thread from the post page's Moderate menu, by keyboard; the member (390 px) reloads and sees the
// thread locked with no reply box, and the API itself refuses the member's comment (FORBIDDEN).
// Then the member reports the post (no reason is refused next to the field) and the owner finds
// the report in the moderation queue, and hides the member's comment from the thread. Each step
// builds on the one before.

const runId = Date.now().toString(36);
const slug = `moderation-${runId}`;
const TITLE = "Is this thread going off the rails?";

let owner: Page;
let member: Page;
let postId = "";
let postUrl = "";

const flow = browserFlow();

/** The id in a tRPC answer ({ result: { data: { json: { id } } } }). */

const commentBox = (page: Page) => page.getByRole("form", { name: "Comment on the post" });
const lockedNote = (page: Page) =>
  page.getByText("This post is locked: it takes no new comments.", { exact: true });

describe("moderation: lock a thread, report a post", { concurrent: false }, () => {
  test("the owner posts in a space and a member joins; both see the reply box", async () => {
    owner = await signUp(flow.browser, {
      name: "Mona Moderator",
      email: uniqueEmail("mona"),
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await owner.setViewportSize(DESKTOP);
    await createOrganization(owner, `Moderation ${runId}`, slug);
    const space = await trpc(
      owner,
      "space.create",
      {
        name: "General",
        slug: "general",
        description: "",
        icon: "",
        type: "discussion",
        visibility: "public",
        section: "",
        tierIds: [],
      },
      slug,
    );
    const post = await trpc(
      owner,
      "post.create",
      {
        spaceId: idOf(space),
        title: TITLE,
        body: "Let's keep it civil.",
        type: "discussion",
        tags: [],
        publish: true,
      },
      slug,
    );
    postId = idOf(post);
    postUrl = `/o/${slug}/s/general/p/${postId}`;
    const email = uniqueEmail("mark");
    const invitation = await trpc(owner, "invitation.create", { email, role: "member" }, slug);
    member = await signUp(flow.browser, { name: "Mark Member", email, password: PASSWORD });
    flow.pages.push(member);
    await trpc(member, "me.invitations.accept", { id: idOf(invitation) });
    await trpc(member, "comment.create", { postId, body: "First!!! Buy cheap watches." }, slug);
    await member.setViewportSize(PHONE);
    for (const page of [owner, member]) {
      await page.goto(postUrl);
      await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
      await commentBox(page).waitFor();
    }
    // Only moderators and up are offered the menu.
    await expect(member.getByRole("button", { name: "Moderate" }).count()).resolves.toBe(0);
  });

  test("the owner locks the thread from the Moderate menu, by keyboard", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const trigger = owner.getByRole("button", { name: "Moderate" });
    await trigger.focus();
    await trigger.press("Enter");
    const menu = owner.getByRole("menu");
    await menu.getByRole("menuitem", { name: "Lock" }).waitFor();
    await menu.getByRole("menuitem", { name: "Lock" }).focus();
    await owner.keyboard.press("Enter");
    await owner.getByText("Thread locked: it takes no new comments.").waitFor();
    await lockedNote(owner).waitFor();
    await owner.getByRole("article").getByText("Locked", { exact: true }).waitFor();
    // The menu now offers the way back.
    await trigger.click();
    await owner.getByRole("menuitem", { name: "Unlock" }).waitFor();
    await owner.keyboard.press("Escape");
    // On a phone the page and the open menu stay inside the screen.
    await owner.setViewportSize(PHONE);
    await trigger.click();
    const box = await owner.getByRole("menu").boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= PHONE.width).toBe(true);
    await owner.keyboard.press("Escape");
    expect(await pageWidth(owner)).toBeLessThanOrEqual(PHONE.width);
    await owner.setViewportSize(DESKTOP);
  });

  test("the member sees the thread locked with no reply box; the API refuses a comment", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await member.reload();
    await member.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await lockedNote(member).waitFor();
    await expect(commentBox(member).count()).resolves.toBe(0);
    const response = await member.request.post("/api/trpc/comment.create", {
      headers: { "content-type": "application/json", "x-guild-org": slug },
      data: { json: { postId, body: "Sneaking one in." } },
    });
    expect(response.status()).toBe(403);
    expect(JSON.stringify(await response.json())).toContain('"code":"FORBIDDEN"');
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(member)).toEqual([]);
  });

  test("the member reports the post; the owner finds it in the moderation queue", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await member.getByRole("button", { name: "Report" }).click();
    const dialog = member.getByRole("dialog", { name: "Report this post" });
    await dialog.getByRole("button", { name: "Send report" }).click();
    await dialog.getByText("Choose a reason.").waitFor();
    await dialog.getByLabel("Reason").selectOption("spam");
    await dialog.getByLabel("Details (optional)").fill("Same link posted five times.");
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
    await dialog.getByRole("button", { name: "Send report" }).click();
    await member.getByText("Reported: a moderator will look at it.").waitFor();
    await expect(member.getByRole("dialog", { name: "Report this post" }).count()).resolves.toBe(0);

    await owner.goto(`/o/${slug}/moderation`);
    const reports = owner.getByRole("region", { name: "Open reports" });
    await reports.getByRole("link", { name: TITLE }).waitFor({ timeout: 10_000 });
    await reports.getByText("Spam", { exact: true }).waitFor();
    await reports.getByText("“Same link posted five times.”").waitFor();
    await reports.getByText(/reported by Mark Member/).waitFor();
    expect(await seriousA11yProblems(owner)).toEqual([]);
  });

  test("the owner hides the member's comment: marked for moderators, a placeholder for members", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await owner.goto(postUrl);
    const comment = owner.getByRole("article", { name: "Comment by Mark Member" });
    await comment.getByRole("button", { name: "Hide" }).click();
    await owner.getByText("Comment hidden from the members.").waitFor();
    await comment.getByText("Hidden from members").waitFor();
    await comment.getByRole("button", { name: "Unhide" }).waitFor();
    await member.reload();
    await member.getByText("This comment was hidden by a moderator.").waitFor();
    await expect(member.getByText("Buy cheap watches").count()).resolves.toBe(0);
  });
});
