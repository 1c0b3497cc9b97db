// How notification mails read: a plain-text part for every reader and an HTML alternative for
// those whose mail program shows it. The HTML is built from escaped strings only: a sentence names
// members and records, which members wrote.

/** One line of a mail: a sentence, and where it leads (null: its record is gone or out of reach). */
export interface MailLine {
  sentence: string;
  link: string | null;
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** Only the app's own http(s) links go into an href. */
function safeHref(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The text and HTML of a notification mail: a heading, its lines (each a link when it has one),
 * and the footer pointing at the preferences, which every notification mail carries.
 */
export function composeNotificationMail(input: {
  heading: string;
  lines: MailLine[];
  settingsLink: string;
  organizationName: string;
}): { text: string; html: string } {
  const text = [
    input.heading,
    "",
    ...input.lines.map((line) =>
      line.link ? `- ${line.sentence}\n  ${line.link}` : `- ${line.sentence}`,
    ),
    "",
    `Choose which notifications you get by mail: ${input.settingsLink}`,
  ].join("\n");
  const items = input.lines
    .map((line) => {
      const href = line.link ? safeHref(line.link) : null;
      const sentence = escapeHtml(line.sentence);
      return `<li style="margin:0 0 8px">${href ? `<a href="${escapeHtml(href)}" style="color:#4338ca">${sentence}</a>` : sentence}</li>`;
    })
    .join("");
  const settings = safeHref(input.settingsLink);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(input.heading)}</title></head><body style="font-family:system-ui,sans-serif;color:#111;max-width:36rem;margin:0 auto;padding:16px"><p style="color:#555;font-size:14px;margin:0 0 8px">${escapeHtml(input.organizationName)}</p><h1 style="font-size:18px;margin:0 0 16px">${escapeHtml(input.heading)}</h1><ul style="padding-left:20px;margin:0 0 24px">${items}</ul><p style="color:#555;font-size:13px">${settings ? `<a href="${escapeHtml(settings)}" style="color:#555">Choose which notifications you get by mail</a>` : ""}</p></body></html>`;
  return { text, html };
}
