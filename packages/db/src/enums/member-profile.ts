// A member's profile in one organization (schema/member-profile.ts). Plain values, no drizzle
// import: the web's profile form and the @mention parser use them too (through @guild/api).

/** 3 to 30 of a–z, 0–9 and _: stored lowercase, so "@Ada" and "@ada" are one username. */
export const USERNAME_PATTERN = /^[a-z0-9_]{3,30}$/;
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 30;

/**
 * Usernames nobody may take: words the product's own URLs, mentions and staff use (an
 * "@admin" or "@everyone" mention must never name one person), and look-alikes of Guild itself.
 * Migration 0044's guild_suggest_username holds the same list (a test compares them).
 */
export const RESERVED_USERNAMES = [
  "admin",
  "administrator",
  "all",
  "anonymous",
  "api",
  "channel",
  "everyone",
  "guild",
  "help",
  "here",
  "me",
  "mod",
  "moderator",
  "moderators",
  "null",
  "owner",
  "root",
  "security",
  "settings",
  "staff",
  "support",
  "system",
  "undefined",
  "you",
] as const;

const reserved: ReadonlySet<string> = new Set(RESERVED_USERNAMES);

/** Whether a (lowercased) username is one of RESERVED_USERNAMES. */
export function isReservedUsername(username: string): boolean {
  return reserved.has(username);
}

export const DISPLAY_NAME_MAX = 80;
export const HEADLINE_MAX = 120;
export const BIO_MAX = 5000;

/** "Online" is seen within this long; last seen is written at most once per this interval. */
export const ONLINE_WINDOW_MS = 5 * 60_000;
export const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

/** Whether someone last seen at `lastSeenAt` counts as online at `now`. */
export function isOnline(lastSeenAt: Date | null, now: Date): boolean {
  return lastSeenAt !== null && now.getTime() - lastSeenAt.getTime() < ONLINE_WINDOW_MS;
}

/** The languages a member may prefer (BCP 47 tags the app's formatting understands). */
export const profileLanguages = [
  "en",
  "de",
  "es",
  "fr",
  "it",
  "nl",
  "pt",
  "pl",
  "sv",
  "ja",
  "zh",
] as const;
export type ProfileLanguage = (typeof profileLanguages)[number];
