// The two ways Guild sends mail: for real over SMTP (Mailpit in docker-compose, a relay in
// production) and into the dev mailbox when no SMTP_URL is set.
import { afterEach, describe, expect, it } from "vitest";
import { createMailer } from "./mailer.ts";
import { startSmtpSink } from "./testing.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("with SMTP_URL", () => {
  it("sends the mail over SMTP, link included, and keeps no dev mailbox", async () => {
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const mailer = createMailer({ smtpUrl: sink.url, from: "Guild <no-reply@guild.test>" });
    expect(mailer.mailbox).toBeNull();
    expect(mailer.describe).toContain("127.0.0.1");

    const link = "http://localhost:3000/api/auth/verify-email?token=abc";
    await mailer.send({
      to: "new.user@example.com",
      subject: "Verify your email for Guild",
      text: `Confirm your email address by opening:\n${link}`,
      link,
    });

    expect(sink.received).toHaveLength(1);
    const [message] = sink.received;
    expect(message?.from).toContain("no-reply@guild.test");
    expect(message?.to).toEqual(["<new.user@example.com>"]);
    expect(message?.data).toMatch(/^Subject: Verify your email for Guild$/m);
    expect(message?.data).toMatch(/^To: new\.user@example\.com$/m);
    expect(message?.data).toContain(link);
  });

  it("fails loudly when the SMTP server is unreachable, so the caller can report it", async () => {
    const sink = await startSmtpSink();
    await sink.close();
    const mailer = createMailer({ smtpUrl: sink.url, from: "Guild <no-reply@guild.test>" });
    await expect(
      mailer.send({ to: "someone@example.com", subject: "Hello", text: "Hi" }),
    ).rejects.toThrow();
  });
});

describe("without SMTP_URL", () => {
  it("keeps mails in the dev mailbox, newest first, and logs a line for each", async () => {
    const lines: string[] = [];
    const mailer = createMailer({
      from: "Guild <no-reply@guild.test>",
      log: (line) => lines.push(line),
    });
    await mailer.send({ to: "Ada@Example.com", subject: "First", text: "one", link: "http://x/1" });
    await mailer.send({ to: "grace@example.com", subject: "Other", text: "two" });
    await mailer.send({ to: "ada@example.com", subject: "Second", text: "three" });

    expect(mailer.mailbox?.list().map((m) => m.subject)).toEqual(["Second", "Other", "First"]);
    // The mailbox page filters by address, whatever the case.
    expect(mailer.mailbox?.list("ADA@example.com").map((m) => m.subject)).toEqual([
      "Second",
      "First",
    ]);
    expect(lines[0]).toBe("mail to Ada@Example.com: First → http://x/1");
  });

  it("keeps only the newest 200 mails", async () => {
    const mailer = createMailer({ from: "Guild <no-reply@guild.test>" });
    for (let i = 1; i <= 205; i++)
      await mailer.send({ to: "bulk@example.com", subject: `#${i}`, text: "" });
    const mails = mailer.mailbox?.list() ?? [];
    expect(mails).toHaveLength(200);
    expect(mails[0]?.subject).toBe("#205");
    expect(mails.at(-1)?.subject).toBe("#6");
  });
});
