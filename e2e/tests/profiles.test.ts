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

// Member profiles (issue 11): the owner's suggested @username, the profile page at 1280 and
// 390 px, the "Edit profile" form driven from the keyboard with its errors next to the fields,
// and a bio whose markdown renders while a script and a javascript: link in it stay inert.

const runId = Date.now().toString(36);
const orgSlug = `profiles-${runId}`;

let page: Page;
const flow = browserFlow({ pages: () => [page] });

describe("member profiles", { concurrent: false }, () => {
  test("a new owner has a profile with a username suggested from their name", async () => {
    page = await signUp(flow.browser, {
      name: "Pat Profile",
      email: uniqueEmail("pat"),
      password: PASSWORD,
    });
    await page.setViewportSize(DESKTOP);
    await createOrganization(page, `Profiles ${runId}`, orgSlug);
    await page.goto(`/o/${orgSlug}/u/PAT_PROFILE`);
    await page.getByRole("heading", { name: "Pat Profile" }).waitFor();
    await page.getByText("@pat_profile").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    // Another organization's or nobody's username: not found, said in place.
    await page.goto(`/o/${orgSlug}/u/nobody_here`);
    await page.getByRole("heading", { name: "Member not found" }).waitFor();
  });

  test("editing from the keyboard: field errors next to the fields, then markdown rendered safely", async () => {
    await page.goto(`/o/${orgSlug}/u/pat_profile`);
    const edit = page.getByRole("button", { name: "Edit profile" });
    await edit.focus();
    await page.keyboard.press("Enter");
    const username = page.getByLabel("Username", { exact: true });
    await username.fill("x");
    await page.getByLabel("Headline", { exact: true }).fill("Writes about community");
    await page.getByRole("button", { name: "Save profile" }).press("Enter");
    await expect.poll(() => username.getAttribute("aria-invalid")).toBe("true");
    await page.getByText("Username must be at least 3 characters.").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("profile-username");

    await username.fill("admin");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("This username is reserved.").waitFor();

    await username.fill("pat_writes");
    await page
      .getByLabel("Bio", { exact: true })
      .fill(
        "I like **bold ideas**.\n\n<script>window.__xss = 1</script>\n\n[click me](javascript:window.__xss=2) and [docs](https://example.com)",
      );
    await page.getByLabel("Time zone", { exact: true }).selectOption("Europe/Paris");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.waitForURL(new RegExp(`/o/${orgSlug}/u/pat_writes$`));
    await page.getByText("Writes about community").waitFor();
    const about = page.locator(".guild-markdown");
    await about.locator("strong", { hasText: "bold ideas" }).waitFor();
    expect(await about.locator("script").count()).toBe(0);
    expect(await about.getByRole("link", { name: "click me" }).count()).toBe(0);
    expect(await about.getByRole("link", { name: "docs" }).getAttribute("rel")).toBe(
      "noopener noreferrer nofollow ugc",
    );
    expect(await page.evaluate(() => Reflect.get(window, "__xss"))).toBeUndefined();
    await page.getByText(/\(Europe\/Paris\)/).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  test("the sidebar's \"Your profile\" opens the member's own page, under its new username", async () => {
    await page.goto(`/o/${orgSlug}`);
    await page.getByRole("link", { name: "Your profile" }).click();
    await page.waitForURL(new RegExp(`/o/${orgSlug}/u/pat_writes$`));
    await page.getByRole("button", { name: "Edit profile" }).waitFor();
  });

  test("at 390 px the profile fits, and the directory shows the @username and headline", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`/o/${orgSlug}/u/pat_writes`);
    await page.getByRole("heading", { name: "Pat Profile" }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.goto(`/o/${orgSlug}/members`);
    await page.getByText("@pat_writes · Writes about community").first().waitFor();
    await page.getByRole("link", { name: "Pat Profile" }).first().click();
    await page.waitForURL(new RegExp(`/o/${orgSlug}/u/pat_writes$`));
  });
});
