import type { TRPCRouterRecord } from "@trpc/server";
import { banMemberInput, liftBanInput } from "../schemas/organization-ban.ts";
import { banMember, liftBan, listBans } from "../services/organization-ban.ts";
import { roleProcedure } from "../trpc.ts";

// Organization bans (services/organization-ban.ts, policies/member.ts `ban`): moderators and up
// ban (the service holds them to the rank rule, saying why: the people are in the directory every
// member sees); admins list the bans and lift them.
export const organizationBanRouter = {
  // The service locks the actor's and the target's rows itself (member.ts lockMembers).
  create: roleProcedure("moderator", { holdMembership: false })
    .input(banMemberInput)
    .mutation(({ ctx, input }) => banMember(ctx.scope, input)),
  list: roleProcedure("admin").query(({ ctx }) => listBans(ctx.scope)),
  lift: roleProcedure("admin")
    .input(liftBanInput)
    .mutation(({ ctx, input }) => liftBan(ctx.scope, input)),
} satisfies TRPCRouterRecord;
