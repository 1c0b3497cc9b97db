// @mentions in markdown (posts, comments, messages, bios): the one parser the server (who to
// notify) and the web (highlighting, autocomplete) share. No markdown library: it only has to
// know which text is code, which it does the way CommonMark does for the cases people write.

/** Where a mention may start: not after a word character, "." or "@" (emails, a@b@c, x.@y). */
const MENTION = /(?<![\w.@/])@([a-z0-9_]{3,30})(?![\w@])/gi;

/**
 * Replaces code with spaces (same length, so offsets still match): fenced blocks (``` or ~~~,
 * closed by a fence as long or longer, or the end), indented blocks (4 spaces or a tab after a
 * blank line or at the start), and inline code spans (a run of backticks closed by a run of the
 * same length). What is left is the text where a mention counts.
 */
function blankCode(markdown: string): string {
  const lines = markdown.split("\n");
  let fence: { char: string; length: number } | null = null;
  let previousBlank = true;
  const out: string[] = [];
  for (const line of lines) {
    if (fence) {
      const close = line.match(/^ {0,3}(`+|~+)\s*$/);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      out.push(" ".repeat(line.length));
      continue;
    }
    const open = line.match(/^ {0,3}(`{3,}|~{3,})/);
    if (open?.[1]) {
      fence = { char: open[1][0] ?? "`", length: open[1].length };
      out.push(" ".repeat(line.length));
      continue;
    }
    const blank = line.trim() === "";
    if (!blank && previousBlank && /^( {4}|\t)/.test(line)) {
      out.push(" ".repeat(line.length));
      continue;
    }
    previousBlank = blank;
    out.push(line);
  }
  return out.join("\n").replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (span) => " ".repeat(span.length));
}

/**
 * The usernames a markdown text mentions, lowercase, each once, in order of first mention.
 * Not in code, not in an email address or a URL path; whether each names a member is the
 * caller's to check (the profile's username, in the organization).
 */
export function parseMentions(markdown: string): string[] {
  const seen = new Set<string>();
  for (const match of blankCode(markdown).matchAll(MENTION)) {
    const name = match[1]?.toLowerCase();
    if (name) seen.add(name);
  }
  return [...seen];
}
