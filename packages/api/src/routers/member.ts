import type { TRPCRouterRecord } from "@trpc/server";
import { changeRoleInput, memberIdInput } from "../schemas/member.ts";
import {
  changeMemberRole,
  leaveOrganization,
  listMembers,
  removeMember,
  transferOwnership,
} from "../services/member.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

export const memberRouter = {
  list: orgProcedure.query(({ ctx }) => listMembers(ctx.scope)),
  changeRole: roleProcedure("admin")
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.scope, input)),
  remove: roleProcedure("admin")
    .input(memberIdInput)
    .mutation(({ ctx, input }) => removeMember(ctx.scope, input.memberId)),
  leave: orgProcedure.mutation(({ ctx }) => leaveOrganization(ctx.scope)),
  transferOwnership: roleProcedure("owner")
    .input(memberIdInput)
    .mutation(({ ctx, input }) => transferOwnership(ctx.scope, input.memberId)),
} satisfies TRPCRouterRecord;
