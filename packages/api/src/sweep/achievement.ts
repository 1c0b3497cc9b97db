import { asSystem, withTenant } from "@guild/db";
import { evaluateAchievements } from "../services/achievement-award.ts";
import { missingId, sweepDomain } from "./define.ts";

interface AchievementSeed {
  achievementId: string;
}

const fields = {
  name: "Victim's achievement",
  description: "Victim's secret criteria",
  icon: "star" as const,
  category: "Victim",
  rarity: "rare" as const,
  xpReward: 5,
  criteria: { kind: "leaderboard_rank" as const, period: "all_time" as const, top: 1000 },
};
/** What callers write (echoed back to one allowed in their own organization: no victim names). */
const planted = { ...fields, name: "Planted", description: "", category: "Planted" };

// Every member reads their own achievements; admins and owners author the organization's (a
// moderator or member is refused before anything is read). The victim's owner earns the victim's
// achievement (XP from a post puts them on the all-time board), so member_achievement and the
// award's XP event hold victim rows to watch.
export const achievementSweep = sweepDomain<AchievementSeed>({
  async seed(victim) {
    const { owner } = victim;
    const space = await owner.space.create({
      name: "Victim's achievement space",
      slug: "victim-achievements",
      description: "",
      icon: "",
      type: "discussion",
      visibility: "public",
      section: "",
      tierIds: [],
    });
    await owner.post.create({
      spaceId: space.id,
      title: "Victim's achievement post",
      body: "Earns its author XP",
      type: "discussion",
      tags: [],
      publish: true,
    });
    const created = await owner.achievement.create(fields);
    // The award the job would make, made here (running every queued job costs the sweep time).
    await withTenant(victim.fx.db, asSystem(victim.organizationId, "sweep seed"), (scope) =>
      evaluateAchievements(scope, victim.memberIds.owner),
    );
    return { achievementId: created.id };
  },
  procedures: {
    "achievement.mine": { access: "member", input: () => undefined },
    "achievement.manageList": { access: "admin", input: () => undefined },
    "achievement.create": { access: "admin", input: () => planted },
    "achievement.update": {
      access: "admin",
      input: (seed) => ({ id: seed.achievementId, ...planted }),
      missing: () => ({ id: missingId, ...planted }),
    },
    "achievement.archive": {
      access: "admin",
      input: (seed) => ({ id: seed.achievementId }),
      missing: () => ({ id: missingId }),
    },
    "achievement.restore": {
      access: "admin",
      input: (seed) => ({ id: seed.achievementId }),
      missing: () => ({ id: missingId }),
    },
  },
});
