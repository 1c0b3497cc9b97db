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
  list: orgProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.organizationId)),
  changeRole: roleProcedure("admin")
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.db, ctx.organizationId, ctx.member, input)),
  remove: roleProcedure("admin")
    .input(memberIdInput)
    .mutation(({ ctx, input }) =>
      removeMember(ctx.db, ctx.organizationId, ctx.member, input.memberId),
    ),
  leave: orgProcedure.mutation(({ ctx }) =>
    leaveOrganization(ctx.db, ctx.organizationId, ctx.member),
  ),
  transferOwnership: roleProcedure("owner")
    .input(memberIdInput)
    .mutation(({ ctx, input }) =>
      transferOwnership(ctx.db, ctx.organizationId, ctx.member, input.memberId),
    ),
} satisfies TRPCRouterRecord;
