// Achievements (issue 12 §3): admins author, edit and archive them; members see what they earned
// (and when) and how far they are toward the rest. Awards happen in services/achievement-award.ts.
import { achievement, and, count, eq, isNotNull, isNull, type TenantScope } from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  AchievementCriteria,
  achievementIdInput,
  createAchievementInput,
  updateAchievementInput,
} from "../schemas/achievement.ts";
import {
  type AchievementProgress,
  earnedBy,
  earnedCounts,
  progressOf,
} from "./achievement-award.ts";
import {
  type AchievementDefinition,
  findAchievement,
  readAchievements,
} from "./achievement-catalog.ts";
import { queueAchievementCheck } from "./achievement-check.ts";
import { actingMember } from "./member.ts";

/** An organization's achievements, built-in ones included: each evaluation reads them all. */
export const ACHIEVEMENTS_PER_ORGANIZATION_MAX = 200;

export interface MyAchievement {
  id: string;
  name: string;
  description: string;
  icon: AchievementDefinition["icon"];
  category: string;
  rarity: AchievementDefinition["rarity"];
  xpReward: number;
  criteria: AchievementCriteria;
  /** When the member earned it; null while locked. */
  earnedAt: Date | null;
  /** Toward it while locked (null once earned). */
  progress: AchievementProgress | null;
}

/**
 * achievement.mine: every active achievement, earned (with the date) or locked (with progress),
 * and archived ones only if the member earned them. A locked one whose criteria are already met
 * (an admin made it after the member got there) is queued for its award, which the job makes
 * with its notification and XP, as for any other trigger.
 */
export async function myAchievements(scope: TenantScope) {
  const { memberId } = actingMember(scope);
  const definitions = await readAchievements(scope, { archived: true });
  const earned = await earnedBy(scope, memberId);
  const shown = definitions.filter((d) => d.archivedAt === null || earned.has(d.id));
  const locked = shown.filter((d) => !earned.has(d.id));
  const progress =
    (await progressOf(
      scope,
      memberId,
      locked.map((d) => d.criteria),
    )) ?? [];
  const progressById = new Map(locked.map((d, i) => [d.id, progress[i] ?? null]));
  if (progress.some((p) => p.met)) await queueAchievementCheck(scope, memberId);
  const items: MyAchievement[] = shown.map((d) => ({
    id: d.id,
    name: d.name,
    description: d.description,
    icon: d.icon,
    category: d.category,
    rarity: d.rarity,
    xpReward: d.xpReward,
    criteria: d.criteria,
    earnedAt: earned.get(d.id) ?? null,
    progress: progressById.get(d.id) ?? null,
  }));
  return { items, earnedCount: items.filter((i) => i.earnedAt !== null).length };
}

/** achievement.manageList: every achievement, archived ones too, with how many earned each. */
export async function manageAchievements(scope: TenantScope) {
  const definitions = await readAchievements(scope, { archived: true });
  const counts = await earnedCounts(scope);
  return definitions.map((d) => ({ ...d, earnedCount: counts.get(d.id) ?? 0 }));
}

async function managedView(scope: TenantScope, id: string) {
  const found = await findAchievement(scope, id);
  if (!found) throw notFound("Achievement");
  const counts = await earnedCounts(scope, id);
  return { ...found, earnedCount: counts.get(id) ?? 0 };
}

async function announceChange(scope: TenantScope, id: string) {
  await publish(scope, { kind: "achievement.changed", target: { type: "achievement", id } });
}

/** achievement.create: an admin's own achievement. */
export async function createAchievement(
  scope: TenantScope,
  input: z.output<typeof createAchievementInput>,
) {
  const me = actingMember(scope);
  const [existing] = await scope.db
    .select({ n: count() })
    .from(achievement)
    .where(eq(achievement.organizationId, scope.organizationId));
  if ((existing?.n ?? 0) >= ACHIEVEMENTS_PER_ORGANIZATION_MAX)
    throw new AppError(
      "CONFLICT",
      `An organization has at most ${ACHIEVEMENTS_PER_ORGANIZATION_MAX} achievements: archive or edit one instead`,
    );
  const [row] = await scope.db
    .insert(achievement)
    .values({ ...input, organizationId: scope.organizationId, createdByMemberId: me.memberId })
    .returning({ id: achievement.id });
  if (!row) throw new Error("the achievement just written is gone");
  await announceChange(scope, row.id);
  return managedView(scope, row.id);
}

/**
 * achievement.update: its name, look, reward or criteria (built-in ones too). Who earned it
 * keeps it, and keeps the XP it gave then: the ledger records what was earned.
 */
export async function updateAchievement(
  scope: TenantScope,
  input: z.output<typeof updateAchievementInput>,
) {
  const { id, ...fields } = input;
  const changed = await scope.db
    .update(achievement)
    .set(fields)
    .where(and(eq(achievement.organizationId, scope.organizationId), eq(achievement.id, id)))
    .returning({ id: achievement.id });
  if (changed.length === 0) throw notFound("Achievement");
  await announceChange(scope, id);
  return managedView(scope, id);
}

async function setArchived(scope: TenantScope, id: string, archived: boolean) {
  const changed = await scope.db
    .update(achievement)
    .set({ archivedAt: archived ? scope.now() : null })
    .where(
      and(
        eq(achievement.organizationId, scope.organizationId),
        eq(achievement.id, id),
        archived ? isNull(achievement.archivedAt) : isNotNull(achievement.archivedAt),
      ),
    )
    .returning({ id: achievement.id });
  if (changed.length === 0 && !(await findAchievement(scope, id))) throw notFound("Achievement");
  if (changed.length > 0) await announceChange(scope, id);
  return managedView(scope, id);
}

/** achievement.archive: awarded no more, hidden from those who have not earned it. */
export function archiveAchievement(scope: TenantScope, input: z.output<typeof achievementIdInput>) {
  return setArchived(scope, input.id, true);
}

/** achievement.restore: awarded and shown again. */
export function restoreAchievement(scope: TenantScope, input: z.output<typeof achievementIdInput>) {
  return setArchived(scope, input.id, false);
}
