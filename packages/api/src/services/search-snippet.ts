// Highlighted snippets for search results: the part of a text around the first word that
// matched, with the matched words marked as [start, end) ranges. Ranges, not HTML: the web wraps
// them in <mark> itself, so nothing of a member's text is ever interpreted as markup.
//
// Words are split and compared the way search_words() (migration 0016) does: Unicode lowercase,
// split on anything that is not a letter or a digit, and a query word matches a word it starts.

export interface Highlighted {
  text: string;
  /** Sorted, non-overlapping [start, end) ranges of `text` to mark. */
  marks: Array<[number, number]>;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of what a user typed, as search_words() makes them (lowercase, distinct). */
export function queryWords(query: string): string[] {
  return [...new Set([...query.toLowerCase().matchAll(WORD)].map((m) => m[0].slice(0, 64)))];
}

/** Markdown as plain words for a preview: no link targets, images, code fences or emphasis. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/[*_~`>#|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Marks every word of `text` that starts with one of `words`. */
export function mark(text: string, words: readonly string[]): Highlighted {
  const marks: Array<[number, number]> = [];
  if (words.length === 0) return { text, marks };
  for (const match of text.matchAll(WORD)) {
    const lower = match[0].toLowerCase();
    if (words.some((word) => lower.startsWith(word)))
      marks.push([match.index, match.index + match[0].length]);
  }
  return { text, marks };
}

/**
 * About `length` characters of `text` around its first matching word (from the start when none
 * matches, e.g. a post found by its title or tags), cut at word boundaries, with "…" where cut.
 */
export function snippet(text: string, words: readonly string[], length = 200): Highlighted {
  const plain = plainText(text);
  if (plain.length <= length) return mark(plain, words);
  const first = mark(plain, words).marks[0];
  // Some context before the match, most of the room after it.
  let start = first ? Math.max(0, first[0] - Math.floor(length / 4)) : 0;
  let end = Math.min(plain.length, start + length);
  start = Math.max(0, Math.min(start, end - length));
  if (start > 0) {
    const space = plain.indexOf(" ", start);
    if (space !== -1 && (!first || space < first[0])) start = space + 1;
  }
  if (end < plain.length) {
    const space = plain.lastIndexOf(" ", end);
    if (space > start && (!first || space > first[1])) end = space;
  }
  const prefix = start > 0 ? "…" : "";
  const suffix = end < plain.length ? "…" : "";
  return mark(`${prefix}${plain.slice(start, end)}${suffix}`, words);
}
