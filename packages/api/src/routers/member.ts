import type { TRPCRouterRecord } from "@trpc/server";
import { hasCrmAccess } from "../policies/lead.ts";
import { crmAccessRefusal } from "../rungs/crm.ts";
import { byIdInput } from "../schemas/common.ts";
import { avatarUploadInput } from "../schemas/file.ts";
import {
  bulkChangeRoleInput,
  changeRoleInput,
  listMembersInput,
  memberFilter,
  setCrmAccessInput,
} from "../schemas/member.ts";
import { startAvatarUpload } from "../services/avatar.ts";
import {
  changeMemberRole,
  countMembers,
  getMember,
  leaveOrganization,
  listMembers,
  removeMember,
  setCrmAccess,
  transferOwnership,
} from "../services/member.ts";
import { bulkChangeMemberRole } from "../services/member-bulk.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";
import { uploadRateLimit } from "./file.ts";

// Membership changes lock every member row they depend on themselves, in one order, and apply
// the rank rule (policies/member.ts) under that lock: the rung only turns away those below
// admin before any lock is taken.
const manages = roleProcedure("admin", { holdMembership: false });

export const memberRouter = {
  // The directory: every member sees names, avatars and roles; admins also emails.
  list: orgProcedure.input(listMembersInput).query(({ ctx, input }) => {
    // The CRM's staff (the lead owner pickers) is the CRM's: to anyone else the filter would
    // tell who was granted CRM access, which the directory shows to admins only.
    if (input.crmStaff && !hasCrmAccess(ctx.member)) throw crmAccessRefusal();
    return listMembers(ctx.scope, input);
  }),
  count: orgProcedure.input(memberFilter).query(({ ctx, input }) => countMembers(ctx.scope, input)),
  byId: orgProcedure.input(byIdInput).query(({ ctx, input }) => getMember(ctx.scope, input.id)),
  changeRole: manages
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.scope, input)),
  /** By filter ("select all N matching") or ids among its matches; see services/member-bulk.ts. */
  bulkChangeRole: manages
    .input(bulkChangeRoleInput)
    .mutation(({ ctx, input }) => bulkChangeMemberRole(ctx.scope, input)),
  setCrmAccess: manages
    .input(setCrmAccessInput)
    .mutation(({ ctx, input }) => setCrmAccess(ctx.scope, input)),
  remove: manages.input(byIdInput).mutation(({ ctx, input }) => removeMember(ctx.scope, input.id)),
  leave: orgProcedure.mutation(({ ctx }) => leaveOrganization(ctx.scope)),
  transferOwnership: roleProcedure("owner", { holdMembership: false })
    .input(byIdInput)
    .mutation(({ ctx, input }) => transferOwnership(ctx.scope, input.id)),
  /** A presigned URL to PUT one's own picture to; file.confirmUpload replaces the old one. */
  startAvatarUpload: orgProcedure
    .concat(uploadRateLimit)
    .input(avatarUploadInput)
    .mutation(({ ctx, input }) => startAvatarUpload(ctx.scope, ctx.storage, input)),
} satisfies TRPCRouterRecord;
