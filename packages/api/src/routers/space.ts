import type { TRPCRouterRecord } from "@trpc/server";
import {
  archiveSpaceInput,
  createSpaceInput,
  listSpacesInput,
  muteSpaceInput,
  reorderSpacesInput,
  setSpaceTiersInput,
  spaceBySlugInput,
  spaceIdInput,
  spaceMemberInput,
  updateSpaceInput,
} from "../schemas/space.ts";
import {
  addSpaceMember,
  archiveSpace,
  createSpace,
  joinSpace,
  leaveSpace,
  listSpaceMembers,
  listSpaces,
  listTierOpenings,
  muteSpace,
  removeSpaceMember,
  reorderSpaces,
  setSpaceTiers,
  spaceBySlug,
  updateSpace,
} from "../services/space.ts";
import { listSpaceUnread, markSpaceRead } from "../services/space-read.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

// Spaces (services/space.ts): every member reads the spaces they can see (the database's rule;
// NOT_FOUND for the others), joins, leaves and mutes them; admins create (within the plan's
// allowance), edit, archive and order them, add people to private spaces and choose paid
// spaces' tiers. Members' unread marks are services/space-read.ts; what each tier opens is
// named (never shown) to members choosing a tier.
export const spaceRouter = {
  list: orgProcedure.input(listSpacesInput).query(({ ctx, input }) => listSpaces(ctx.scope, input)),
  get: orgProcedure
    .input(spaceBySlugInput)
    .query(({ ctx, input }) => spaceBySlug(ctx.scope, input)),
  members: orgProcedure
    .input(spaceIdInput)
    .query(({ ctx, input }) => listSpaceMembers(ctx.scope, input)),
  join: orgProcedure.input(spaceIdInput).mutation(({ ctx, input }) => joinSpace(ctx.scope, input)),
  leave: orgProcedure
    .input(spaceIdInput)
    .mutation(({ ctx, input }) => leaveSpace(ctx.scope, input)),
  mute: orgProcedure
    .input(muteSpaceInput)
    .mutation(({ ctx, input }) => muteSpace(ctx.scope, input)),
  unread: orgProcedure.query(({ ctx }) => listSpaceUnread(ctx.scope)),
  markRead: orgProcedure
    .input(spaceIdInput)
    .mutation(({ ctx, input }) => markSpaceRead(ctx.scope, input)),
  tierOpenings: orgProcedure.query(({ ctx }) => listTierOpenings(ctx.scope)),
  create: roleProcedure("admin")
    .input(createSpaceInput)
    .mutation(({ ctx, input }) => createSpace(ctx.scope, input)),
  update: roleProcedure("admin")
    .input(updateSpaceInput)
    .mutation(({ ctx, input }) => updateSpace(ctx.scope, input)),
  archive: roleProcedure("admin")
    .input(archiveSpaceInput)
    .mutation(({ ctx, input }) => archiveSpace(ctx.scope, input)),
  reorder: roleProcedure("admin")
    .input(reorderSpacesInput)
    .mutation(({ ctx, input }) => reorderSpaces(ctx.scope, input)),
  addMember: roleProcedure("admin")
    .input(spaceMemberInput)
    .mutation(({ ctx, input }) => addSpaceMember(ctx.scope, input)),
  removeMember: roleProcedure("admin")
    .input(spaceMemberInput)
    .mutation(({ ctx, input }) => removeSpaceMember(ctx.scope, input)),
  setTiers: roleProcedure("admin")
    .input(setSpaceTiersInput)
    .mutation(({ ctx, input }) => setSpaceTiers(ctx.scope, input)),
} satisfies TRPCRouterRecord;
