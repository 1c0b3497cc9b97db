import type { TRPCRouterRecord } from "@trpc/server";
import {
  byUsernameInput,
  mentionSearchInput,
  updateMemberProfileInput,
  updateProfileInput,
} from "../schemas/profile.ts";
import {
  myProfile,
  profileByUsername,
  searchMentionable,
  updateMemberProfile,
  updateMyProfile,
} from "../services/member-profile.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

export const profileRouter = {
  /** A member's profile by @username; NOT_FOUND for a username of another organization. */
  byUsername: orgProcedure
    .input(byUsernameInput)
    .query(({ ctx, input }) => profileByUsername(ctx.scope, input.username)),
  /** The caller's own profile, for the edit form. */
  mine: orgProcedure.query(({ ctx }) => myProfile(ctx.scope)),
  /** The caller changes their own profile (a taken username: CONFLICT on the username field). */
  update: orgProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateMyProfile(ctx.scope, input)),
  /** An admin renames a member they manage (the rank rule of policies/member.ts). */
  updateMember: roleProcedure("admin")
    .input(updateMemberProfileInput)
    .mutation(({ ctx, input }) => updateMemberProfile(ctx.scope, input)),
  /** The @mention autocomplete: a few members by username or name prefix. */
  mentionable: orgProcedure
    .input(mentionSearchInput)
    .query(({ ctx, input }) => searchMentionable(ctx.scope, input)),
} satisfies TRPCRouterRecord;
