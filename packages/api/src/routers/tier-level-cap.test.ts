// A tier's lesson level cap (seed 004's level access limit) through the procedures: a course by
// tier opens to the tier's holder only up to the tier's maxLessonLevel, whatever their XP level;
// the outline says why ("The Gold tier opens levels up to 1") and lesson.open refuses on the
// server (FORBIDDEN, reason LESSON_LOCKED); raising the cap opens the lesson. Free courses and
// authors are not capped.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "../errors.ts";
import { type ApiFixture, createCommunityFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let callers: Awaited<ReturnType<typeof createCommunityFixture>>["callers"];
let spaces: Awaited<ReturnType<typeof createCommunityFixture>>["ids"];

beforeAll(async () => {
  ({
    fx,
    callers,
    ids: spaces,
  } = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "course",
    slugs: { public: "academy", private: "staff-academy", paid: "gold-academy" },
  }));
});
afterAll(() => fx.drop());

/** A refused call's code and AppError reason. */
async function reasonOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return {
      code: error.code,
      reason: error.cause instanceof AppError ? error.cause.reason : null,
    };
  }
}

async function setGoldCap(maxLessonLevel: number | null) {
  const [gold] = await callers.owner.memberTier.list({});
  if (!gold) throw new Error("the Gold tier is missing");
  const { id, name, description, monthlyPrice, yearlyPrice, lifetimePrice } = gold;
  const fields = {
    name,
    description,
    currency: "usd" as const,
    monthlyPrice,
    yearlyPrice,
    lifetimePrice,
  };
  return callers.owner.memberTier.update({
    id,
    ...fields,
    trialDays: gold.trialDays,
    sortOrder: gold.sortOrder,
    maxLessonLevel,
  });
}

/** A published course in the public space: a level-1 lesson worth 3,000 XP, then a level-2 one. */
async function course(slug: string, access: "tier" | "free", tierIds: string[]) {
  const api = callers.moderator;
  const made = await api.course.create({
    spaceId: spaces.public,
    title: slug,
    slug,
    description: "",
    access,
    tierIds,
  });
  const part = await api.course.createModule({ courseId: made.id, title: "Part" });
  const first = await api.lesson.create({ moduleId: part.id, title: "Basics", xpReward: 3000 });
  const second = await api.lesson.create({ moduleId: part.id, title: "Advanced", level: 2 });
  for (const id of [first.id, second.id]) await api.lesson.setStatus({ id, status: "published" });
  await api.course.setStatus({ id: made.id, status: "published" });
  return { id: made.id, first: first.id, second: second.id };
}

describe("a tier's lesson level cap", () => {
  it("keeps the tier's holder below the cap in its courses, on the server, until it is raised", async () => {
    const [gold] = await callers.owner.memberTier.list({});
    const capped = await setGoldCap(1);
    expect(capped.maxLessonLevel).toBe(1);
    const made = await course("gold-course", "tier", [gold!.id]);
    const api = callers.payer;
    await api.course.enroll({ id: made.id });
    // Level 2 by XP: only the tier's cap is left in the way.
    await api.lesson.complete({ id: made.first });
    const outline = await api.course.outline({ id: made.id });
    expect(outline.modules[0]?.lessons[1]?.locks).toEqual([
      { kind: "tierLevel", tierName: "Gold", maxLevel: 1 },
    ]);
    await expect(api.lesson.open({ id: made.second })).rejects.toThrow(
      "The Gold tier opens lessons up to level 1",
    );
    for (const call of [
      api.lesson.open({ id: made.second }),
      api.lesson.complete({ id: made.second }),
    ])
      expect(await reasonOf(call)).toEqual({ code: "FORBIDDEN", reason: "LESSON_LOCKED" });
    // Authors are never capped.
    expect((await callers.moderator.lesson.open({ id: made.second })).title).toBe("Advanced");
    // Raised (or removed): open.
    await setGoldCap(2);
    expect((await api.lesson.open({ id: made.second })).title).toBe("Advanced");
    await setGoldCap(null);
    expect((await callers.owner.memberTier.list({}))[0]?.maxLessonLevel).toBeNull();
  });

  it("caps only courses the tier opens: a free course's lessons follow the XP level alone", async () => {
    await setGoldCap(1);
    const made = await course("free-course", "free", []);
    const api = callers.payer;
    await api.course.enroll({ id: made.id });
    // The payer reached level 2 in the test before.
    expect((await api.lesson.open({ id: made.second })).title).toBe("Advanced");
  });

  it("refuses a cap outside 1–30 on its field", async () => {
    expect(await refusalOf(setGoldCap(31))).toEqual({
      code: "BAD_REQUEST",
      fields: ["maxLessonLevel"],
    });
  });
});
