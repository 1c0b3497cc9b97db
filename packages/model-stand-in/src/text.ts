// What the stand-in "says": words drawn from a fixed list by a generator seeded with a hash of
// the prompt, so the same prompt always gets the same answer (tests can compare runs) while
// different prompts read differently.

const WORDS = [
  "community",
  "members",
  "weekly",
  "ideas",
  "share",
  "learn",
  "together",
  "growth",
  "simple",
  "clear",
  "practical",
  "today",
  "launch",
  "story",
  "question",
  "answer",
  "team",
  "build",
  "progress",
  "focus",
  "event",
  "course",
  "lesson",
  "habit",
  "goal",
  "plan",
  "notes",
  "draft",
  "morning",
  "update",
  "small",
  "steady",
  "honest",
  "useful",
  "friendly",
  "space",
  "welcome",
  "thanks",
  "invite",
  "join",
  "discuss",
  "explore",
  "create",
  "improve",
  "review",
  "publish",
  "schedule",
  "moment",
  "detail",
  "example",
  "reason",
  "result",
  "pipeline",
  "leads",
  "value",
  "customers",
  "feedback",
  "design",
  "writing",
  "reading",
  "practice",
  "season",
  "journey",
  "window",
  "garden",
  "river",
  "bright",
  "quiet",
  "bold",
  "careful",
  "curious",
  "patient",
  "fresh",
  "warm",
  "open",
  "first",
  "next",
  "every",
  "often",
  "always",
  "really",
  "still",
  "maybe",
  "because",
  "while",
  "after",
  "before",
  "during",
  "across",
  "around",
  "inside",
  "better",
  "faster",
  "kinder",
  "smarter",
  "together",
  "again",
  "now",
  "here",
  "there",
] as const;

/** FNV-1a over the text's UTF-16 units: small, stable across runs and machines. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny seeded generator, enough for picking words. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` tokens of prose for a seed: each token a word with its leading space (the first one
 * without), sentences capitalised and ended with a full stop every 6 to 13 words.
 */
export function proseTokens(seed: number, count: number): string[] {
  const next = generator(seed);
  const tokens: string[] = [];
  let sentenceLeft = 0;
  for (let i = 0; i < count; i++) {
    const startsSentence = sentenceLeft === 0;
    if (startsSentence) sentenceLeft = 6 + Math.floor(next() * 8);
    const word = WORDS[Math.floor(next() * WORDS.length)] ?? "word";
    sentenceLeft--;
    const shaped = startsSentence ? word[0]?.toUpperCase() + word.slice(1) : word;
    const ended = sentenceLeft === 0 || i === count - 1 ? `${shaped}.` : shaped;
    tokens.push(i === 0 ? ended : ` ${ended}`);
  }
  return tokens;
}

/** A rough token count of a text, as the usage figures report it: its whitespace-separated words. */
export function countTokens(text: string): number {
  const words = text.trim().split(/\s+/);
  return words[0] === "" ? 0 : words.length;
}

/** Splits a text into stream tokens the way proseTokens shapes them (word plus leading space). */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}
