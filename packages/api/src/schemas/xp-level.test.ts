// The level functions are pure: no database. The edges are the seed's thresholds.
import { describe, expect, it } from "vitest";
import { levelForXp, levelProgress, MAX_XP, xpForLevel } from "./xp-level.ts";

/** Seed 004's SQL, written as PostgreSQL evaluates it for non-negative integers (exact reals). */
function seedLevel(xp: number) {
  const q = Math.max(Math.floor(xp / 1000) + 1, 2);
  return Math.floor(Math.log(q) / Math.log(2) + 1e-12);
}

describe("levelForXp", () => {
  it("follows the seed's thresholds at each edge", () => {
    const cases: [number, number][] = [
      [0, 1],
      [999, 1],
      [1000, 1],
      [2999, 1],
      [3000, 2],
      [6999, 2],
      [7000, 3],
      [14999, 3],
      [15000, 4],
      [31000, 5],
    ];
    for (const [xp, level] of cases) expect([xp, levelForXp(xp)]).toEqual([xp, level]);
  });

  it("matches the seed's formula on every total up to 200,000", () => {
    for (let xp = 0; xp <= 200_000; xp += 7) expect(levelForXp(xp)).toBe(seedLevel(xp));
  });

  it("is exact at huge totals, up to the largest safe integer", () => {
    // floor(xp/1000) + 1 = 2^43 − 1 → level 42; one thousand more → 43.
    const justBelow = (2 ** 43 - 2) * 1000;
    expect(levelForXp(justBelow)).toBe(42);
    expect(levelForXp(justBelow + 999)).toBe(42);
    expect(levelForXp(justBelow + 1000)).toBe(43);
    expect(levelForXp(MAX_XP)).toBe(43);
  });

  it("puts negative totals at level 1, and refuses what is not a safe integer", () => {
    expect(levelForXp(-1)).toBe(1);
    expect(levelForXp(-1_000_000)).toBe(1);
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_XP + 2])
      expect(() => levelForXp(bad)).toThrow(RangeError);
  });
});

describe("xpForLevel", () => {
  it("is (2^n − 1) × 1000 from level 2, and 0 for level 1", () => {
    expect([1, 2, 3, 4, 5].map(xpForLevel)).toEqual([0, 3000, 7000, 15000, 31000]);
    expect(() => xpForLevel(0)).toThrow(RangeError);
    expect(() => xpForLevel(2.5)).toThrow(RangeError);
  });

  it("is the least total of its level", () => {
    for (let level = 2; level <= 40; level += 1) {
      expect(levelForXp(xpForLevel(level))).toBe(level);
      expect(levelForXp(xpForLevel(level) - 1)).toBe(level - 1);
    }
  });
});

describe("levelProgress", () => {
  it("says where a total stands inside its level", () => {
    expect(levelProgress(0)).toEqual({
      xp: 0,
      level: 1,
      levelStartXp: 0,
      nextLevelXp: 3000,
      xpIntoLevel: 0,
      xpToNextLevel: 3000,
      fraction: 0,
    });
    expect(levelProgress(5000)).toMatchObject({
      level: 2,
      xpIntoLevel: 2000,
      xpToNextLevel: 2000,
      fraction: 0.5,
    });
    expect(levelProgress(6999).fraction).toBeLessThan(1);
    expect(levelProgress(7000)).toMatchObject({ level: 3, xpIntoLevel: 0, fraction: 0 });
  });

  it("shows an empty bar for a negative total", () => {
    expect(levelProgress(-250)).toMatchObject({
      level: 1,
      xpIntoLevel: 0,
      xpToNextLevel: 3000,
      fraction: 0,
    });
  });
});
