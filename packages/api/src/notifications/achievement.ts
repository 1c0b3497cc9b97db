import { achievement, and, eq, inArray, type TenantScope } from "@guild/db";
import { notificationKind } from "./define.ts";

/** The achievements of these ids by name, linked to the member's achievements page. */
async function describeAchievements(scope: TenantScope, targetIds: string[]) {
  const rows = await scope.db
    .select({ id: achievement.id, name: achievement.name })
    .from(achievement)
    .where(
      and(eq(achievement.organizationId, scope.organizationId), inArray(achievement.id, targetIds)),
    );
  return new Map(rows.map((row) => [row.id, { name: row.name, path: "/achievements" }]));
}

/** The member earned an achievement (the evaluation job, services/achievement-award.ts). */
export const achievementEarned = notificationKind({
  kind: "achievement.earned",
  label: "You earn an achievement",
  defaults: { inApp: true, mail: false },
  describe: describeAchievements,
  text: ({ target }) =>
    target ? `You earned the achievement ${target.name}` : "You earned an achievement",
});
