import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /**
   * An HTML alternative to `text` (a multipart/alternative mail): readers that show HTML get it,
   * the rest the plain text. Every value in it must be escaped by whoever builds it.
   */
  html?: string;
  /** The link the mail asks the reader to open (verification, reset, invitation). */
  link?: string;
}

export interface StoredMail extends Mail {
  id: number;
  sentAt: Date;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Present only without SMTP (dev and test): the mails kept for /dev/mailbox. */
  mailbox: DevMailbox | null;
  /** Human-readable description, printed at boot. */
  describe: string;
}

/** In-memory outbox for dev and tests: the newest 200 mails. */
export class DevMailbox {
  private mails: StoredMail[] = [];
  private nextId = 1;

  add(mail: Mail): StoredMail {
    const stored = { ...mail, id: this.nextId++, sentAt: new Date() };
    this.mails.unshift(stored);
    this.mails.length = Math.min(this.mails.length, 200);
    return stored;
  }

  list(to?: string): StoredMail[] {
    const address = to?.toLowerCase();
    return address ? this.mails.filter((m) => m.to.toLowerCase() === address) : [...this.mails];
  }
}

/** Where mail goes, in a line for the start-up banner. */
export function describeMail(smtpUrl: string | undefined, production = false): string {
  if (smtpUrl) return `SMTP ${new URL(smtpUrl).host}`;
  // Production serves no /dev/mailbox: the log is the only place such mails are.
  return production
    ? "no SMTP_URL: mails are only written to the server log; set SMTP_URL to deliver them"
    : "dev mailbox (no SMTP_URL): mails are printed here and listed at /dev/mailbox";
}

/**
 * With an SMTP URL (Mailpit in docker-compose, or a real relay) mails are sent for real;
 * without one they are printed to the log and kept in a dev mailbox.
 */
export function createMailer(options: {
  smtpUrl?: string | undefined;
  from: string;
  log?: (line: string) => void;
}): Mailer {
  if (options.smtpUrl) {
    // nodemailer waits up to 2 minutes to connect and an hour on an idle socket by default: a
    // request sending mail would hang that long on a stuck relay.
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return {
      mailbox: null,
      describe: describeMail(options.smtpUrl),
      async send(mail) {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
        });
      },
    };
  }
  const mailbox = new DevMailbox();
  return {
    mailbox,
    describe: describeMail(undefined),
    async send(mail) {
      mailbox.add(mail);
      options.log?.(`mail to ${mail.to}: ${mail.subject}${mail.link ? ` → ${mail.link}` : ""}`);
    },
  };
}
