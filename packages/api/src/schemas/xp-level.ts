// Levels from XP (issue 12 §3), exactly seed 004's calculate_user_level:
//   floor(log2(max(floor(xp / 1000) + 1, 2)))
// so level 1 below 3,000 XP, 2 from 3,000, 3 from 7,000, 4 from 15,000: level n from
// (2^n − 1) × 1000. Pure and free of zod and server code, so the server (xp.me) and the web
// (progress bars) compute the same level from the same total.
//
// Integer arithmetic only (counting halvings): exact for every safe integer without relying on
// how Math.log2 rounds just below a power of two.

/** The highest total the level functions accept: JS numbers are exact integers up to here. */
export const MAX_XP = Number.MAX_SAFE_INTEGER;

function assertXp(xp: number) {
  if (!Number.isSafeInteger(xp)) throw new RangeError(`XP must be a safe integer, got ${xp}`);
}

/** floor(log2(n)) for an integer n ≥ 1. */
function floorLog2(n: number) {
  let level = 0;
  for (let v = n; v >= 2; v = Math.floor(v / 2)) level += 1;
  return level;
}

/**
 * The level of a total. Negative totals (corrections can outweigh awards) are level 1, as the
 * seed's max(…, 2) makes them: a level never goes below 1. Not an integer, or beyond MAX_XP:
 * RangeError (a caller bug, not a learner's state).
 */
export function levelForXp(xp: number): number {
  assertXp(xp);
  return floorLog2(Math.max(Math.floor(xp / 1000) + 1, 2));
}

/**
 * The least total at which levelForXp answers `level`: (2^level − 1) × 1000 from level 2 on.
 * Level 1 starts at 0 (not the formula's 1,000: everything below 3,000 is level 1).
 */
export function xpForLevel(level: number): number {
  if (!Number.isInteger(level) || level < 1)
    throw new RangeError(`A level is an integer ≥ 1, got ${level}`);
  if (level === 1) return 0;
  return (2 ** level - 1) * 1000;
}

export interface LevelProgress {
  xp: number;
  level: number;
  /** The total at which the current level began (0 for level 1). */
  levelStartXp: number;
  /** The total at which the next level begins. */
  nextLevelXp: number;
  /** XP earned inside the current level (0 for a negative total). */
  xpIntoLevel: number;
  /** XP still needed for the next level. */
  xpToNextLevel: number;
  /** xpIntoLevel over the level's width, 0 ≤ fraction < 1: what a progress bar fills. */
  fraction: number;
}

/** Where a total stands between its level and the next. */
export function levelProgress(xp: number): LevelProgress {
  const level = levelForXp(xp);
  const levelStartXp = xpForLevel(level);
  const nextLevelXp = xpForLevel(level + 1);
  const xpIntoLevel = Math.max(xp, 0) - levelStartXp;
  return {
    xp,
    level,
    levelStartXp,
    nextLevelXp,
    xpIntoLevel,
    xpToNextLevel: nextLevelXp - Math.max(xp, 0),
    fraction: xpIntoLevel / (nextLevelXp - levelStartXp),
  };
}
