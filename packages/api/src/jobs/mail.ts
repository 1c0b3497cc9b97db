// Every mail Guild sends goes through a job (this one, or a domain's own such as invitation.mail):
// a crash after the commit that asked for it loses no mail, and a failed send is retried with
// backoff. All of them deliver through deliverMail, which limits mails per recipient.
import type { Mail } from "@guild/auth";
import { countForAddress, type RateWindow, uncountForAddress } from "@guild/db";
import { z } from "zod";
import { type JobDeps, systemTask } from "./define.ts";

export const mailPayload = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  link: z.string().optional(),
});

/**
 * Mails one address may receive from Guild in a window, whatever asked for them: anyone can make
 * us mail an address (password resets, sign-ups with a registered address, invitations), and 45
 * reached one address in seconds.
 */
export const MAILS_PER_RECIPIENT: RateWindow = { max: 10, windowSeconds: 3600 };

/**
 * Sends a mail unless its recipient has had their share this window; then it is dropped (and
 * logged without the address). The request that asked for it was answered long before, so a
 * dropped mail tells the requester nothing. A send that fails is not counted: its retry is.
 */
export async function deliverMail(deps: JobDeps, mail: Mail): Promise<void> {
  const decision = await countForAddress(
    deps.db,
    "mail",
    mail.to,
    MAILS_PER_RECIPIENT,
    deps.clock.now(),
  );
  if (!decision.allowed) {
    deps.log("warn", "mail dropped: too many to this recipient this hour", {
      subject: mail.subject,
    });
    return;
  }
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    await uncountForAddress(deps.db, "mail", mail.to);
    throw error;
  }
}

export const mailTasks = {
  "mail.send": systemTask({
    payload: mailPayload,
    run: (mail, { deps }) => deliverMail(deps, mail),
  }),
};
