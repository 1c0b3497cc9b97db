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

// A thread as a member uses it: on a post's page (1280 px) they comment (an empty comment is
// refused next to the box), reply to their comment, react to the post and vote on it and on the
// comment; the counts show at once and are still there after a reload (the server kept them);
// the comment is edited and deleted, leaving a placeholder over its reply; the thread fits and
// works on a phone (390 px). Each step builds on the one before.

const runId = Date.now().toString(36);
const slug = `comments-${runId}`;
const TITLE = "What should we build next?";

let page: Page;
let postUrl = "";

const flow = browserFlow({ pages: () => [page] });

/** The id in a tRPC answer ({ result: { data: { json: { id } } } }). */

const commentBox = (p: Page) => p.getByRole("form", { name: "Comment on the post" });
const thread = (p: Page) => p.getByRole("list", { name: "Comments" });
const postVotes = (p: Page) => p.getByRole("group", { name: "Vote on the post" });

describe("comments: reply, react, vote", { concurrent: false }, () => {
  test("a member opens a post's page and sees an empty thread with its reply box", async () => {
    page = await signUp(flow.browser, {
      name: "Cora Commenter",
      email: uniqueEmail("cora"),
      password: PASSWORD,
    });
    await page.setViewportSize(DESKTOP);
    await createOrganization(page, `Comments ${runId}`, slug);
    const space = await trpc(
      page,
      "space.create",
      {
        name: "Ideas",
        slug: "ideas",
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
      page,
      "post.create",
      {
        spaceId: idOf(space),
        title: TITLE,
        body: "Tell us in the comments.",
        type: "question",
        tags: [],
        publish: true,
      },
      slug,
    );
    postUrl = `/o/${slug}/s/ideas/p/${idOf(post)}`;
    await page.goto(postUrl);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByText("No comments yet. Start the conversation.").waitFor();
    await commentBox(page).waitFor();
  });

  test("an empty comment is refused next to the box; a comment and a reply appear", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const box = commentBox(page);
    await box.getByRole("button", { name: "Comment" }).click();
    await box.getByText("Write something first.").waitFor();
    await expect(box.getByRole("textbox").getAttribute("aria-invalid")).resolves.toBe("true");
    await box.getByRole("textbox").fill("A **calendar** view, please.");
    await box.getByRole("button", { name: "Comment" }).click();
    const comment = thread(page).getByRole("article", { name: "Comment by Cora Commenter" });
    await comment.locator("strong", { hasText: "calendar" }).waitFor();
    await expect(box.getByRole("textbox").inputValue()).resolves.toBe("");

    // Reply from the keyboard: Ctrl+Enter sends.
    await comment.getByRole("button", { name: "Reply" }).click();
    const reply = page.getByRole("form", { name: "Reply to Cora Commenter" });
    await reply.getByRole("textbox").fill("And a weekly digest.");
    await reply.getByRole("textbox").press("Control+Enter");
    const replies = page.getByRole("list", { name: "Replies to Cora Commenter" });
    await replies.getByText("And a weekly digest.").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  test("reactions and votes show at once and are kept by the server", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.getByRole("button", { name: "React to the post" }).click();
    await page.getByRole("button", { name: "Celebrate", exact: true }).click();
    await page.getByRole("button", { name: "Celebrate: 1" }).waitFor();
    await expect(
      page.getByRole("button", { name: "Celebrate: 1" }).getAttribute("aria-pressed"),
    ).resolves.toBe("true");
    await postVotes(page).getByRole("button", { name: "Upvote" }).click();
    await postVotes(page).getByText("1", { exact: true }).waitFor();
    const comment = thread(page).getByRole("article", { name: "Comment by Cora Commenter" });
    await comment.getByRole("button", { name: "Downvote" }).first().click();
    await comment
      .getByRole("group", { name: /Vote on/ })
      .getByText("-1")
      .waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByRole("button", { name: "Celebrate: 1" }).waitFor();
    await expect(
      postVotes(page).getByRole("button", { name: "Upvote" }).getAttribute("aria-pressed"),
    ).resolves.toBe("true");
    await postVotes(page).getByText("1", { exact: true }).waitFor();
    const again = thread(page).getByRole("article", { name: "Comment by Cora Commenter" });
    await again
      .getByRole("group", { name: /Vote on/ })
      .getByText("-1")
      .waitFor();
    // Taking the reaction back.
    await page.getByRole("button", { name: "Celebrate: 1" }).click();
    await expect(page.getByRole("button", { name: /^Celebrate:/ }).count()).resolves.toBe(0);
  });

  test("the author edits, then deletes the comment: a placeholder keeps the reply", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const comment = thread(page).getByRole("article", { name: "Comment by Cora Commenter" });
    await comment.first().getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: "Edit your comment" });
    await edit.getByRole("textbox").fill("A calendar view and a map.");
    await edit.getByRole("button", { name: "Save" }).click();
    await thread(page).getByText("A calendar view and a map.").waitFor();
    await thread(page).getByText("(edited)").waitFor();

    const top = thread(page)
      .getByRole("article", { name: "Comment by Cora Commenter" })
      .filter({ hasText: "A calendar view and a map." });
    await top.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete comment" }).click();
    await thread(page).getByText("This comment was deleted.").waitFor();
    await thread(page).getByText("And a weekly digest.").waitFor();
    await expect(thread(page).getByText("A calendar view and a map.").count()).resolves.toBe(0);
  });

  test("the thread fits a phone and still takes a comment", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize(PHONE);
    await page.goto(postUrl);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await thread(page).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await commentBox(page).getByRole("textbox").fill("From my phone.");
    await commentBox(page).getByRole("button", { name: "Comment" }).click();
    await thread(page).getByText("From my phone.").waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });
});
