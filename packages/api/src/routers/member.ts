import type { TRPCRouterRecord } from "@trpc/server";
import { avatarUploadInput } from "../schemas/file.ts";
import { changeRoleInput, memberIdInput } from "../schemas/member.ts";
import { startAvatarUpload } from "../services/avatar.ts";
import {
  changeMemberRole,
  leaveOrganization,
  listMembers,
  removeMember,
  transferOwnership,
} from "../services/member.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";
import { uploadRateLimit } from "./file.ts";

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
  /** A presigned URL to PUT one's own picture to; file.confirmUpload replaces the old one. */
  startAvatarUpload: orgProcedure
    .concat(uploadRateLimit)
    .input(avatarUploadInput)
    .mutation(({ ctx, input }) => startAvatarUpload(ctx.scope, ctx.storage, input)),
} satisfies TRPCRouterRecord;
