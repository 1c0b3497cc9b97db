import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  DESKTOP,
  joinByInvitation,
  PASSWORD,
  PHONE,
  pageWidth,
  seriousA11yProblems,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";
import { idOf, trpc, trpcQuery } from "../support/trpc.ts";

// A resources space as its people meet it, each in a browser of their own: a moderator (1280 px)
// makes a folder, is told next to the field that a javascript: address is no link, adds a link
// and uploads a PDF into the folder with the keyboard; a member (390 px) downloads the PDF by
// keyboard and gets the same bytes; the member, who is not in the private resources space, gets
// "not found" for its page and NOT_FOUND for its file. Each step builds on the one before.

const runId = Date.now().toString(36);
const slug = `res-${runId}`;
const HANDOUT = Buffer.from(
  "%PDF-1.4\n% Guild e2e handout\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
);

let owner: Page;
let moderator: Page;
let member: Page;
let privateFileId = "";

const flow = browserFlow();

/** Someone invited with `role` who signs up and accepts. */
async function join(name: string, role: "moderator" | "member") {
  const email = uniqueEmail(name.toLowerCase().split(" ")[0] ?? "someone");
  const page = await joinByInvitation(flow.browser, owner, slug, { name, email, role });
  flow.pages.push(page);
  return page;
}

describe("resources: a moderator shares, a member downloads", { concurrent: false }, () => {
  test("the owner makes a public and a private resources space; a moderator and a member join", async () => {
    owner = await signUp(flow.browser, {
      name: "Rita Owner",
      email: uniqueEmail("rita"),
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await createOrganization(owner, `Resources ${runId}`, slug);
    const space = {
      description: "",
      icon: "",
      type: "resources",
      section: "",
    };
    await trpc(
      owner,
      "space.create",
      { ...space, name: "Library", slug: "library", visibility: "public" },
      slug,
    );
    await trpc(
      owner,
      "space.create",
      { ...space, name: "Staff shelf", slug: "staff-shelf", visibility: "private" },
      slug,
    );
    moderator = await join("Mona Moderator", "moderator");
    await moderator.setViewportSize(DESKTOP);
    member = await join("Max Member", "member");
    await member.setViewportSize(PHONE);
  });

  test("the moderator makes a folder and adds a link, a bad address refused next to its field", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await moderator.goto(`/o/${slug}/s/library`);
    await moderator.getByRole("heading", { level: 1, name: "Library" }).waitFor();
    await moderator.getByText("No resources yet").waitFor();

    await moderator.getByRole("button", { name: "New folder" }).click();
    const folderDialog = moderator.getByRole("dialog", { name: "New folder" });
    await folderDialog.getByLabel("Name", { exact: true }).fill("Handouts");
    await folderDialog.getByLabel("Description").fill("Bring them to the workshop.");
    await folderDialog.getByRole("button", { name: "Create folder" }).click();
    await moderator.getByRole("heading", { level: 2, name: "Handouts" }).waitFor();

    await moderator.getByRole("button", { name: "Add a link to Handouts" }).click();
    const linkDialog = moderator.getByRole("dialog", { name: "Add a link" });
    await linkDialog.getByLabel("Title").fill("Workshop notes");
    const address = linkDialog.getByLabel("Address");
    await address.fill("javascript:alert(1)");
    await linkDialog.getByRole("button", { name: "Add link" }).click();
    await linkDialog
      .getByText("Enter a web address starting with http:// or https://")
      .first()
      .waitFor();
    await expect(address.getAttribute("aria-invalid")).resolves.toBe("true");
    await address.fill("https://example.com/workshop");
    await linkDialog.getByLabel("Description").fill("What we covered, step by step.");
    await linkDialog.getByRole("button", { name: "Add link" }).click();
    const link = moderator.getByRole("link", {
      name: "Open Workshop notes (opens in a new tab)",
    });
    await link.waitFor();
    await expect(link.getAttribute("rel")).resolves.toBe("noopener noreferrer nofollow");
    await expect(link.getAttribute("href")).resolves.toBe("https://example.com/workshop");
  });

  test("the moderator uploads a PDF into the folder by keyboard, with its title", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await moderator.getByRole("button", { name: "Add a file to Handouts" }).click();
    const dialog = moderator.getByRole("dialog", { name: "Upload a file" });
    await dialog.getByLabel("Title").fill("Welcome pack");
    await dialog.getByLabel("Description").fill("Print it before you come.");
    const chooser = moderator.waitForEvent("filechooser");
    await dialog.getByRole("button", { name: "Choose a file…" }).focus();
    await moderator.keyboard.press("Enter");
    await (await chooser).setFiles({
      name: "welcome.pdf",
      mimeType: "application/pdf",
      buffer: HANDOUT,
    });
    await moderator.getByText("File uploaded.").waitFor();
    const handouts = moderator.getByRole("region", { name: "Resources" });
    await handouts.getByRole("button", { name: "Download Welcome pack" }).waitFor();
    await handouts.getByText(`welcome.pdf · ${HANDOUT.length} bytes`).waitFor();
    expect(await pageWidth(moderator)).toBeLessThanOrEqual(DESKTOP.width);
    expect(await seriousA11yProblems(moderator)).toEqual([]);
    // The moderator's controls (a folder's six, each item's four) fit a phone too.
    await moderator.setViewportSize(PHONE);
    await moderator.getByRole("button", { name: "Delete folder Handouts" }).waitFor();
    expect(await pageWidth(moderator)).toBeLessThanOrEqual(PHONE.width);
    await moderator.setViewportSize(DESKTOP);
  });

  test("the member downloads the PDF by keyboard at 390 px and gets its bytes", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await member.goto(`/o/${slug}/s/library`);
    await member.getByRole("heading", { level: 1, name: "Library" }).waitFor();
    await member.getByText("Print it before you come.").waitFor();
    // Members change nothing: no moderator controls.
    await expect(member.getByRole("button", { name: "Upload file" }).count()).resolves.toBe(0);
    await expect(member.getByRole("button", { name: /^Delete / }).count()).resolves.toBe(0);

    const download = member.waitForEvent("download");
    await member.getByRole("button", { name: "Download Welcome pack" }).focus();
    await member.keyboard.press("Enter");
    const saved = await download;
    expect(saved.suggestedFilename()).toBe("welcome.pdf");
    expect(await readFile(await saved.path())).toEqual(HANDOUT);
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(member)).toEqual([]);
  });

  test("the member, not in the private resources space, gets not found for it and its file", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    // The moderator shares a file in the private space (moderators see every space).
    const spaceId = idOf(await trpcQuery(moderator, "space.get", { slug: "staff-shelf" }, slug));
    const started = await trpc(
      moderator,
      "resource.startFileUpload",
      {
        spaceId,
        folderId: null,
        title: "Pay scales",
        description: "",
        name: "pay.pdf",
        size: HANDOUT.length,
        contentType: "application/pdf",
      },
      slug,
    );
    const answer = started as {
      result: { data: { json: { file: { id: string }; upload: { url: string } } } };
    };
    privateFileId = answer.result.data.json.file.id;
    const put = await moderator.request.put(answer.result.data.json.upload.url, {
      data: HANDOUT,
      headers: { "content-type": "application/pdf" },
    });
    expect(put.status()).toBe(200);
    await trpc(moderator, "file.confirmUpload", { id: privateFileId }, slug);
    await trpcQuery(moderator, "file.downloadUrl", { id: privateFileId }, slug);

    await member.goto(`/o/${slug}/s/staff-shelf`);
    await member.getByRole("heading", { name: "Space not found" }).waitFor();
    await expect(
      trpcQuery(member, "file.downloadUrl", { id: privateFileId }, slug),
    ).rejects.toThrow(/404.*NOT_FOUND/);
    await expect(trpcQuery(member, "resource.list", { spaceId }, slug)).rejects.toThrow(
      /404.*NOT_FOUND/,
    );
  });
});
