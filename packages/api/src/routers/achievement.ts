import type { TRPCRouterRecord } from "@trpc/server";
import {
  achievementIdInput,
  createAchievementInput,
  updateAchievementInput,
} from "../schemas/achievement.ts";
import {
  archiveAchievement,
  createAchievement,
  manageAchievements,
  myAchievements,
  restoreAchievement,
  updateAchievement,
} from "../services/achievement.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

const admin = roleProcedure("admin");

// Achievements (services/achievement.ts): every member reads their own, earned and locked with
// progress; admins author, edit, archive and restore the organization's. Awards are made by the
// evaluation job (services/achievement-award.ts), never by a procedure.
export const achievementRouter = {
  mine: orgProcedure.query(({ ctx }) => myAchievements(ctx.scope)),
  manageList: admin.query(({ ctx }) => manageAchievements(ctx.scope)),
  create: admin
    .input(createAchievementInput)
    .mutation(({ ctx, input }) => createAchievement(ctx.scope, input)),
  update: admin
    .input(updateAchievementInput)
    .mutation(({ ctx, input }) => updateAchievement(ctx.scope, input)),
  archive: admin
    .input(achievementIdInput)
    .mutation(({ ctx, input }) => archiveAchievement(ctx.scope, input)),
  restore: admin
    .input(achievementIdInput)
    .mutation(({ ctx, input }) => restoreAchievement(ctx.scope, input)),
} satisfies TRPCRouterRecord;
