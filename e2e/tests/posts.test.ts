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
import { trpc } from "../support/trpc.ts";

// Posts as a member writes and reads them: in a discussion space (1280 px) the composer refuses a
// short update over 500 characters next to the body (with its live count), publishes a titled
// post whose markdown renders on its page with nothing active from a script in it; the author
// edits it (the edited marker shows), and the post is in the home feed; the post's page and the
// feed fit a phone (390 px); the home feed reads its cards' reactions in one call. Each step builds
// on the one before.

const runId = Date.now().toString(36);
const slug = `posts-${runId}`;
const TITLE = "Hello from the forum";
const BODY =
  "This is **bold** and a [link](https://example.com).\n\n<script>window.__posted = 1</script>\n\n- one\n- two";

let page: Page;
let spaceId = "";

const flow = browserFlow({ pages: () => [page] });

const composer = (p: Page) => p.getByRole("form", { name: "New post" });

describe("posts: write, read, edit", { concurrent: false }, () => {
  test("a member opens a discussion space and sees its empty feed and composer", async () => {
    page = await signUp(flow.browser, {
      name: "Pat Poster",
      email: uniqueEmail("pat"),
      password: PASSWORD,
    });
    await page.setViewportSize(DESKTOP);
    await createOrganization(page, `Posts ${runId}`, slug);
    const space = await trpc(
      page,
      "space.create",
      {
        name: "Forum",
        slug: "forum",
        description: "Talk here.",
        icon: "",
        type: "discussion",
        visibility: "public",
        section: "",
        tierIds: [],
      },
      slug,
    );
    spaceId = JSON.stringify(space).match(/"id":"([0-9a-f-]{36})"/)?.[1] ?? "";
    expect(spaceId).not.toBe("");
    await page.goto(`/o/${slug}/s/forum`);
    await page.getByRole("heading", { level: 1, name: "Forum" }).waitFor();
    await page.getByText("No posts yet: write the first one.").waitFor();
    await composer(page).waitFor();
  });

  test("a short update over 500 characters is refused next to the body, with the count", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const form = composer(page);
    await form.getByLabel("Update", { exact: true }).fill("x".repeat(501));
    await form.getByText("501 / 500 characters").waitFor();
    await form.getByRole("button", { name: "Publish" }).click();
    await form.getByText(/at most 500 characters/).waitFor();
    const body = form.getByLabel("Update", { exact: true });
    await expect(body.getAttribute("aria-invalid")).resolves.toBe("true");
    // Nothing was posted.
    await page.getByText("No posts yet: write the first one.").waitFor();
  });

  test("a titled post is published and shows in the space's feed", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const form = composer(page);
    await form.getByLabel("Title (optional)", { exact: true }).fill(TITLE);
    await form.getByLabel("Body", { exact: true }).fill(BODY);
    await form.getByLabel("Tags", { exact: true }).fill("Intro, welcome");
    await form.getByRole("button", { name: "Publish" }).click();
    const feed = page.getByRole("list", { name: "Posts" });
    await feed.getByRole("link", { name: TITLE }).waitFor();
    // A tag narrows the feed to its posts, until cleared.
    await feed.getByRole("button", { name: "Show posts tagged intro" }).click();
    await page.getByText("Tagged #intro").waitFor();
    await feed.getByRole("link", { name: TITLE }).waitFor();
    await page.getByRole("button", { name: "Show all tags" }).click();
    await expect(page.getByText("Tagged #intro").count()).resolves.toBe(0);
    // The composer is empty again for the next post.
    await expect(form.getByLabel("Title (optional)", { exact: true }).inputValue()).resolves.toBe(
      "",
    );
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  test("its page renders the markdown safely; the author edits it and it says so", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.getByRole("list", { name: "Posts" }).getByRole("link", { name: TITLE }).click();
    await page.waitForURL(new RegExp(`/o/${slug}/s/forum/p/[0-9a-f-]{36}$`));
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const article = page.getByRole("article");
    await article.locator("strong", { hasText: "bold" }).waitFor();
    await expect(article.getByRole("link", { name: "link" }).getAttribute("href")).resolves.toBe(
      "https://example.com",
    );
    await expect(page.locator("article script").count()).resolves.toBe(0);
    await expect(page.evaluate(() => Reflect.get(window, "__posted"))).resolves.toBeUndefined();
    // The author's own reads count no views.
    await article.getByText("0 views").waitFor();

    await article.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: "Edit post" });
    await edit.getByLabel("Title (optional)", { exact: true }).fill(`${TITLE}, edited`);
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { level: 1, name: `${TITLE}, edited` }).waitFor();
    await article.getByText("(edited)").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  test("the home feed lists it, and the post's page fits a phone", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    const second = "A second post";
    await trpc(
      page,
      "post.create",
      { title: second, body: "More.", type: "discussion", tags: [], spaceId, publish: true },
      slug,
    );
    // The feed's cards read their reactions together: one reaction.ofPosts call for the page,
    // not one per card (calls are batched into URLs, so they are counted in the URLs' paths).
    const reactionCalls: string[] = [];
    const listen = (request: { url(): string }) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith("/api/trpc/"))
        reactionCalls.push(
          ...pathname
            .slice("/api/trpc/".length)
            .split(",")
            .filter((name) => name === "reaction.ofPosts"),
        );
    };
    page.on("request", listen);
    await page.goto(`/o/${slug}/feed`);
    const feed = page.getByRole("list", { name: "Posts" });
    const link = feed.getByRole("link", { name: `${TITLE}, edited` });
    await link.waitFor();
    await feed.getByRole("button", { name: `React to ${TITLE}, edited` }).waitFor();
    await feed.getByRole("button", { name: `React to ${second}` }).waitFor();
    page.off("request", listen);
    expect(reactionCalls).toEqual(["reaction.ofPosts"]);
    await feed.getByRole("link", { name: "Forum", exact: true }).first().waitFor();
    await page.setViewportSize(PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await link.click();
    await page.getByRole("heading", { level: 1, name: `${TITLE}, edited` }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.goto(`/o/${slug}/s/forum`);
    await page.getByRole("list", { name: "Posts" }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });
});
