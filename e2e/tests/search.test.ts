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

// Community search as a member uses it: from the sidebar's Search, words typed in the box find a
// post by its title (the words marked) and a comment by its words, each linking to the post; the
// search lives in the address (reload keeps it); a search with no match says so; and the screen
// fits a phone (390 px) with no serious accessibility problem. Each step builds on the one before.

const runId = Date.now().toString(36);
const slug = `search-${runId}`;

let page: Page;
let postId = "";

const flow = browserFlow({ pages: () => [page] });

const box = (p: Page) => p.getByRole("searchbox", { name: "Search posts" });

describe("community search", { concurrent: false }, () => {
  test("a member finds a post by words of its title, marked, and opens it", async () => {
    page = await signUp(flow.browser, {
      name: "Sam Searcher",
      email: uniqueEmail("sam"),
      password: PASSWORD,
    });
    await page.setViewportSize(DESKTOP);
    await createOrganization(page, `Search ${runId}`, slug);
    const spaceId = idOf(
      await trpc(
        page,
        "space.create",
        {
          name: "Garden club",
          slug: "garden",
          description: "",
          icon: "",
          type: "discussion",
          visibility: "public",
          section: "",
          tierIds: [],
        },
        slug,
      ),
    );
    postId = idOf(
      await trpc(
        page,
        "post.create",
        {
          spaceId,
          title: "Heirloom tomatoes that survive frost",
          body: "Start the seedlings indoors in March, then harden them off.",
          type: "discussion",
          tags: ["vegetables"],
          publish: true,
        },
        slug,
      ),
    );
    await page.goto(`/o/${slug}`);
    await page.getByRole("link", { name: "Search", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Search" }).waitFor();
    await box(page).fill("heirloom frost");
    await box(page).press("Enter");
    const results = page.getByRole("region", { name: "Posts found" });
    const hit = results.getByRole("link", { name: "Heirloom tomatoes that survive frost" });
    await hit.waitFor();
    expect(await results.locator("mark").allTextContents()).toEqual(["Heirloom", "frost"]);
    expect(new URL(page.url()).searchParams.get("q")).toBe("heirloom frost");
    await hit.click();
    await page.waitForURL(`**/p/${postId}`);
    await page
      .getByRole("heading", { level: 1, name: "Heirloom tomatoes that survive frost" })
      .waitFor();
  });

  test("words from the body find the post too, and the search survives a reload", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${slug}/search?q=seedlings`);
    await page.reload();
    const results = page.getByRole("region", { name: "Posts found" });
    await results.getByRole("link", { name: "Heirloom tomatoes that survive frost" }).waitFor();
    expect(await results.locator("mark").allTextContents()).toEqual(["seedlings"]);
    await expect.poll(() => box(page).inputValue()).toBe("seedlings");
  });

  test("a search with no match says so, on posts and on comments", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await box(page).fill("zeppelin");
    await box(page).press("Enter");
    await page.getByText("No posts found").waitFor();
    await page.getByRole("link", { name: "Comments" }).click();
    await page.getByText("No comments found").waitFor();
    expect(new URL(page.url()).searchParams.get("kind")).toBe("comments");
  });

  test("fits a phone, with no serious accessibility problem", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.setViewportSize(PHONE);
    await page.goto(`/o/${slug}/search?q=tomatoes`);
    await page
      .getByRole("region", { name: "Posts found" })
      .getByRole("link", { name: "Heirloom tomatoes that survive frost" })
      .waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
});
