import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserFlow, createOrganization, signUp, uniqueEmail } from "../support/browser.ts";

// Files in a real browser on a phone-sized screen: a member sets their picture (shown in the
// user menu and the members list), a file that is not what it claims is refused with a reason, and
// a PDF is attached to a lead, downloaded back and deleted. The browser PUTs to the S3 server
// itself, so this also proves the bucket's CORS and the app's CSP (connect-src) let it.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgSlug = `files-${runId}`;
const leadName = `Files lead ${runId}`;
const PHONE = { width: 390, height: 844 };

// A real 1×1 PNG, so the <img> actually decodes.
const PICTURE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const OFFER = Buffer.from(
  "%PDF-1.4\n% Guild e2e offer\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
);

let page: Page;

const flow = browserFlow({ pages: () => [page] });

/** Opens the file chooser from the keyboard (the button is focusable, the input hidden). */
async function chooseFile(
  p: Page,
  button: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const chooser = p.waitForEvent("filechooser");
  await p.getByRole("button", { name: button }).focus();
  await p.keyboard.press("Enter");
  await (await chooser).setFiles(file);
}

/** Opens the phone's menu drawer and answers the person's picture in its user menu. */
async function menuPicture(p: Page) {
  await p.getByRole("button", { name: "Open menu" }).click();
  const picture = p
    .getByRole("dialog", { name: "Menu" })
    .getByRole("link", { name: /Account/ })
    .locator("img");
  await picture.waitFor();
  return picture;
}

/** How far the page scrolls sideways: more than the viewport means something sticks out. */
const pageWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth);

describe("files in the browser", { concurrent: false }, () => {
  test("a member sets their picture; it shows in the user menu and the members list", async () => {
    page = await signUp(flow.browser, {
      name: "Fay Example",
      email: uniqueEmail("fay"),
      password: PASSWORD,
    });
    await page.setViewportSize(PHONE);
    await createOrganization(page, `Files ${runId}`, orgSlug);

    await page.goto(`/o/${orgSlug}/members`);
    await page.getByRole("heading", { name: "Your picture" }).waitFor();
    await chooseFile(page, "Upload a picture", {
      name: "fay.png",
      mimeType: "image/png",
      buffer: PICTURE,
    });
    await page.getByText("Uploaded fay.png.").waitFor();
    await page.getByRole("button", { name: "Change picture" }).waitFor();

    // The user menu's (in the phone's menu drawer) and the list's pictures come from the app's
    // stable URL and load.
    const header = await menuPicture(page);
    await header.waitFor();
    expect(await header.getAttribute("src")).toMatch(
      /^\/api\/files\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/,
    );
    await expect
      .poll(() => header.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1);
    const row = page.getByRole("listitem").filter({ hasText: "Fay Example" });
    expect(await row.locator("img").getAttribute("src")).toBe(await header.getAttribute("src"));
    await page.keyboard.press("Escape");
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });

  test("a file that is not what it claims is refused, with the reason", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    // Too large and of the wrong type: refused before anything is sent.
    await chooseFile(page, "Change picture", {
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("hello"),
    });
    await page
      .getByRole("alert")
      .filter({ hasText: "notes.txt" })
      .getByText(/Choose a PNG, JPEG/)
      .waitFor();
    await chooseFile(page, "Change picture", {
      name: "huge.png",
      mimeType: "image/png",
      buffer: Buffer.concat([PICTURE, Buffer.alloc(3 * 1024 * 1024)]),
    });
    await page
      .getByRole("alert")
      .getByText(/too large: the limit is 2 MB/)
      .waitFor();
    // An HTML page named .png passes the browser's checks; Guild looks at its bytes and refuses.
    await chooseFile(page, "Change picture", {
      name: "fake.png",
      mimeType: "image/png",
      buffer: Buffer.from("<!doctype html><script>alert(1)</script>"),
    });
    await page
      .getByRole("alert")
      .getByText(/content is not a PNG image/)
      .waitFor();
    // The real picture stays.
    await page.reload();
    await menuPicture(page);
    await page.keyboard.press("Escape");
  });

  test("a PDF is attached to a lead, downloaded back and deleted", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await page.goto(`/o/${orgSlug}/leads/new`);
    await page.getByLabel("Name", { exact: true }).fill(leadName);
    await page.getByRole("button", { name: "Save lead" }).click();
    await page.getByRole("heading", { level: 1, name: leadName }).waitFor();
    await page.getByText("No files attached yet.").waitFor();

    await chooseFile(page, "Attach a file", {
      name: "Offer «final».pdf",
      mimeType: "application/pdf",
      buffer: OFFER,
    });
    const link = page.getByRole("button", { name: "Download Offer «final».pdf" });
    await link.waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    const download = page.waitForEvent("download");
    await link.click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe("Offer «final».pdf");
    const path = await saved.path();
    expect(await readFile(path)).toEqual(OFFER);

    await page.getByRole("button", { name: "Delete Offer «final».pdf" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete file" }).click();
    await page.getByText("Deleted Offer «final».pdf.").waitFor();
    await page.getByText("No files attached yet.").waitFor();
  });
});
