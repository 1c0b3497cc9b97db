import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  DESKTOP,
  PASSWORD,
  PHONE,
  pageWidth,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// An open post page is live, two people each in a browser of their own on the same post: the
// member (390 px) reacts, votes and comments, and the owner (1280 px) sees each without a reload;
// the owner's own reaction reaches the member the same way. Then the member opens a reply box and
// the owner locks the thread: the member's box turns into the "locked" notice at once. Each step
// builds on the one before.

const runId = Date.now().toString(36);
const slug = `post-live-${runId}`;
const TITLE = "Live thread: what do you think?";
const IMAGE_TITLE = "Our growth, in one picture";
/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

let owner: Page;
let member: Page;
let postId = "";

const flow = browserFlow();

async function trpc(page: Page, path: string, input: unknown, org?: string): Promise<unknown> {
  const response = await page.request.post(`/api/trpc/${path}`, {
    headers: { "content-type": "application/json", ...(org ? { "x-guild-org": org } : {}) },
    data: { json: input },
  });
  if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

/** The id in a tRPC answer ({ result: { data: { json: { id } } } }). */
function idOf(answer: unknown): string {
  const id = JSON.stringify(answer).match(/"id":"([0-9a-f-]{36})"/)?.[1];
  if (!id) throw new Error(`no id in ${JSON.stringify(answer)}`);
  return id;
}

const commentBox = (page: Page) => page.getByRole("form", { name: "Comment on the post" });
const thread = (page: Page) => page.getByRole("list", { name: "Comments" });
const postVotes = (page: Page) => page.getByRole("group", { name: "Vote on the post" });
const lockedNote = (page: Page) =>
  page.getByText("This post is locked: it takes no new comments.", { exact: true });

describe("post page: live for everyone who has it open", { concurrent: false }, () => {
  test("the owner and a member open the same post", async () => {
    owner = await signUp(flow.browser, {
      name: "Olive Owner",
      email: uniqueEmail("olive"),
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await owner.setViewportSize(DESKTOP);
    await createOrganization(owner, `Post live ${runId}`, slug);
    const space = await trpc(
      owner,
      "space.create",
      {
        name: "Lounge",
        slug: "lounge",
        description: "",
        icon: "",
        type: "discussion",
        visibility: "public",
        section: "",
        tierIds: [],
      },
      slug,
    );
    postId = idOf(
      await trpc(
        owner,
        "post.create",
        {
          spaceId: idOf(space),
          title: TITLE,
          body: "Say it here.",
          type: "discussion",
          tags: [],
          publish: true,
        },
        slug,
      ),
    );
    const email = uniqueEmail("milo");
    const invitation = await trpc(owner, "invitation.create", { email, role: "member" }, slug);
    member = await signUp(flow.browser, { name: "Milo Member", email, password: PASSWORD });
    flow.pages.push(member);
    await trpc(member, "me.invitations.accept", { id: idOf(invitation) });
    await member.setViewportSize(PHONE);
    for (const page of [owner, member]) {
      await page.goto(`/o/${slug}/s/lounge/p/${postId}`);
      await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
      await commentBox(page).waitFor();
    }
  });

  test("the member reacts, votes and comments; the owner sees it without a reload", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await member.getByRole("button", { name: "React to the post" }).click();
    await member.getByRole("button", { name: "Celebrate", exact: true }).click();
    await member.getByRole("button", { name: "Celebrate: 1" }).waitFor();
    await postVotes(member).getByRole("button", { name: "Upvote" }).click();
    const box = commentBox(member);
    await box.getByRole("textbox").fill("Live from my phone.");
    await box.getByRole("button", { name: "Comment" }).click();

    await owner.getByRole("button", { name: "Celebrate: 1" }).waitFor();
    await postVotes(owner).getByLabel("Score 1", { exact: true }).waitFor();
    const comment = thread(owner).getByRole("article", { name: "Comment by Milo Member" });
    await comment.getByText("Live from my phone.").waitFor();
    // The page's own count follows too.
    await owner.getByText("(1)", { exact: true }).waitFor();

    // And back: the owner's reaction on the member's comment reaches the member's phone.
    await comment.getByRole("button", { name: /^React to/ }).click();
    await owner.getByRole("button", { name: "Thanks", exact: true }).click();
    await thread(member)
      .getByRole("article", { name: "Comment by Milo Member" })
      .getByRole("button", { name: "Thanks: 1" })
      .waitFor();
    for (const [page, size] of [
      [owner, DESKTOP],
      [member, PHONE],
    ] as const)
      expect(await pageWidth(page)).toBeLessThanOrEqual(size.width);
  });

  test("the owner locks the thread while the member's reply box is open: it turns into the notice", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await thread(member)
      .getByRole("article", { name: "Comment by Milo Member" })
      .getByRole("button", { name: "Reply" })
      .click();
    const reply = member.getByRole("form", { name: "Reply to Milo Member" });
    await reply.getByRole("textbox").fill("Half-written thought");
    await trpc(owner, "moderation.setPostLocked", { id: postId, locked: true }, slug);

    await lockedNote(member).waitFor();
    await reply.waitFor({ state: "detached" });
    await commentBox(member).waitFor({ state: "detached" });
    await expect(thread(member).getByRole("button", { name: "Reply" }).count()).resolves.toBe(0);
    // The owner (a moderator) still has the box, with the notice above it.
    await lockedNote(owner).waitFor();
    await commentBox(owner).waitFor();
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
  });

  test("the member puts an image in a post (paste offered, Add image used) and both see it", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await member.goto(`/o/${slug}/s/lounge`);
    const form = member.getByRole("form", { name: "New post" });
    await form.waitFor();
    // A pasted image is offered with alt text to confirm; cancelled here.
    await form.getByLabel("Update", { exact: true }).focus();
    await member.evaluate(
      (bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], "image.png", { type: "image/png" }));
        document.activeElement?.dispatchEvent(
          new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      [...PNG],
    );
    await form.getByText("Image: image.png").waitFor();
    await form.getByRole("button", { name: "Cancel", exact: true }).click();

    await form.getByLabel("Title (optional)", { exact: true }).fill(IMAGE_TITLE);
    await form.getByLabel("Body", { exact: true }).fill("Look at this:");
    await form.locator('input[type="file"]').setInputFiles({
      name: "growth-chart.png",
      mimeType: "image/png",
      buffer: Buffer.from(PNG),
    });
    const alt = form.getByLabel("Describe the image (alt text)");
    await expect(alt.inputValue()).resolves.toBe("growth chart");
    await alt.fill("A growth chart");
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
    await form.getByRole("button", { name: "Insert image" }).click();
    await form.getByText("Image: growth-chart.png").waitFor({ state: "detached" });
    const body = await form.getByLabel("Body", { exact: true }).inputValue();
    expect(body).toMatch(
      /^Look at this:\n!\[A growth chart\]\(\/api\/files\/[0-9a-f-]{36}\/[0-9a-f-]{36}\)\n$/,
    );
    await form.getByRole("button", { name: "Publish" }).click();
    await member
      .getByRole("list", { name: "Posts" })
      .getByRole("link", { name: IMAGE_TITLE })
      .click();
    for (const [page, size] of [
      [member, PHONE],
      [owner, DESKTOP],
    ] as const) {
      if (page === owner) {
        await owner.goto(`/o/${slug}/s/lounge`);
        await owner.getByRole("link", { name: IMAGE_TITLE }).click();
      }
      const image = page.getByRole("article").getByRole("img", { name: "A growth chart" });
      await image.waitFor();
      // Served by the app's file route to this member: the browser decoded it.
      await expect
        .poll(() => image.evaluate((img) => img instanceof HTMLImageElement && img.naturalWidth))
        .toBe(1);
      expect(await pageWidth(page)).toBeLessThanOrEqual(size.width);
    }
  });

  test("the owner puts an image in a comment, and the member sees it in the thread live", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    // Both are on the image post's page (the step before).
    const box = commentBox(owner);
    await box.getByRole("textbox", { name: "Comment on the post" }).fill("Here is mine:");
    await box.locator('input[type="file"]').setInputFiles({
      name: "my-chart.png",
      mimeType: "image/png",
      buffer: Buffer.from(PNG),
    });
    await box.getByLabel("Describe the image (alt text)").fill("The owner's chart");
    await box.getByRole("button", { name: "Insert image" }).click();
    await box.getByText("Image: my-chart.png").waitFor({ state: "detached" });
    await expect(
      box.getByRole("textbox", { name: "Comment on the post" }).inputValue(),
    ).resolves.toMatch(
      /^Here is mine:\n!\[The owner's chart\]\(\/api\/files\/[0-9a-f-]{36}\/[0-9a-f-]{36}\)\n$/,
    );
    await box.getByRole("button", { name: "Comment", exact: true }).click();
    for (const page of [owner, member]) {
      const image = thread(page).getByRole("img", { name: "The owner's chart" });
      await image.waitFor();
      await expect
        .poll(() => image.evaluate((img) => img instanceof HTMLImageElement && img.naturalWidth))
        .toBe(1);
    }
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
  });
});
