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

// Chat and direct messages as two people meet them, each in a browser of their own: the owner
// (1280 px) and a member (390 px) open the same chat space; the member sees the owner typing and
// then the owner's message arrive without a reload, and the owner sees the member's two-line
// answer (Shift+Enter) arrive. Then the member writes to the owner directly, and the owner's
// Messages badge counts it live until the conversation is opened. Each step builds on the one
// before.

const runId = Date.now().toString(36);
const slug = `chat-${runId}`;
const SPACE = "Watercooler";

let owner: Page;
let member: Page;

const flow = browserFlow();

const chatLog = (page: Page) => page.getByRole("log", { name: `Messages in ${SPACE}` });
const composer = (page: Page, name: string) => page.getByLabel(`Message ${name}`, { exact: true });

describe("chat: two browsers, live", { concurrent: false }, () => {
  test("the owner makes a chat space and a member joins the organization", async () => {
    owner = await signUp(flow.browser, {
      name: "Olga Owner",
      email: uniqueEmail("olga"),
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await owner.setViewportSize(DESKTOP);
    await createOrganization(owner, `Chat ${runId}`, slug);
    await trpc(
      owner,
      "space.create",
      {
        name: SPACE,
        slug: "watercooler",
        description: "Talk, live.",
        icon: "",
        type: "chat",
        visibility: "public",
        section: "",
      },
      slug,
    );
    const email = uniqueEmail("milo");
    const invitation = await trpc(owner, "invitation.create", { email, role: "member" }, slug);
    const id = (invitation as { result: { data: { json: { id: string } } } }).result.data.json.id;
    member = await signUp(flow.browser, { name: "Milo Member", email, password: PASSWORD });
    flow.pages.push(member);
    await trpc(member, "me.invitations.accept", { id });
    await member.setViewportSize(PHONE);
  });

  test("the member sees the owner typing, then the message, without reloading", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    for (const page of [owner, member]) {
      await page.goto(`/o/${slug}/s/watercooler`);
      await page.getByRole("heading", { level: 1, name: SPACE }).waitFor();
      await page.getByText("No messages yet. Say hello!").waitFor();
    }
    const box = composer(owner, SPACE);
    await box.pressSequentially("Hello from the owner", { delay: 20 });
    // A member whose event stream connected after the first keystrokes heard nothing (typing is
    // not replayed): as a person goes on typing, the composer signals again after 3 s.
    const typing = member.getByText("Olga Owner is typing…");
    for (let more = 0; more < 4; more++) {
      const seen = await typing.waitFor({ timeout: 4_000 }).then(
        () => true,
        () => false,
      );
      if (seen) break;
      await box.press("Backspace");
      await box.press("r");
    }
    await typing.waitFor();
    await box.press("Enter");
    await chatLog(owner).getByText("Hello from the owner").waitFor();
    await expect(composer(owner, SPACE).inputValue()).resolves.toBe("");
    await chatLog(member).getByText("Hello from the owner").waitFor({ timeout: 10_000 });
    // Shown once, whatever the optimistic insert and the live refetch did.
    await expect(chatLog(owner).getByText("Hello from the owner").count()).resolves.toBe(1);
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(member)).toEqual([]);
  });

  test("the owner sees the member's answer live, Shift+Enter keeping its second line", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    const box = composer(member, SPACE);
    await box.click();
    await box.pressSequentially("Hi Olga!");
    await box.press("Shift+Enter");
    await box.pressSequentially("Second line here.");
    await expect(box.inputValue()).resolves.toBe("Hi Olga!\nSecond line here.");
    await box.press("Enter");
    await chatLog(owner).getByText("Second line here.").waitFor({ timeout: 10_000 });
    await chatLog(owner).getByText("Hi Olga!").waitFor();
    await expect(chatLog(member).getByText("Hi Olga!").count()).resolves.toBe(1);
    expect(await seriousA11yProblems(owner)).toEqual([]);
  });

  test("a direct message: the owner's unread badge counts it live, and opening it reads it", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await owner.goto(`/o/${slug}/messages`);
    await owner.getByRole("heading", { level: 1, name: "Messages" }).waitFor();
    await owner.getByText("No conversations yet").waitFor();

    await member.goto(`/o/${slug}/messages`);
    await member.getByRole("button", { name: "New message" }).click();
    const dialog = member.getByRole("dialog", { name: "New message" });
    await dialog.getByRole("checkbox", { name: /Olga Owner/ }).check();
    await dialog.getByRole("button", { name: "Start conversation" }).click();
    await member.waitForURL(new RegExp(`/o/${slug}/messages/[0-9a-f-]{36}$`));
    await composer(member, "Olga Owner").fill("Got a minute?");
    await composer(member, "Olga Owner").press("Enter");
    await member
      .getByRole("log", { name: "Messages with Olga Owner" })
      .getByText("Got a minute?")
      .waitFor();

    const sidebar = owner.getByRole("navigation", { name: "Organization" });
    await sidebar.getByRole("link", { name: "Messages, 1 unread" }).waitFor({ timeout: 10_000 });
    const row = owner
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: /Milo Member/ });
    await row.getByText("1 unread").waitFor();
    await row.click();
    await owner
      .getByRole("log", { name: "Messages with Milo Member" })
      .getByText("Got a minute?")
      .waitFor();
    await sidebar.getByRole("link", { name: "Messages", exact: true }).waitFor({ timeout: 10_000 });
    await composer(owner, "Milo Member").fill("Sure, go ahead.");
    await composer(owner, "Milo Member").press("Enter");
    await member
      .getByRole("log", { name: "Messages with Olga Owner" })
      .getByText("Sure, go ahead.")
      .waitFor({ timeout: 10_000 });
    expect(await pageWidth(member)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(owner)).toEqual([]);
    expect(await seriousA11yProblems(member)).toEqual([]);
  });
});
