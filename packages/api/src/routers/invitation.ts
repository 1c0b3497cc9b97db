import type { TRPCRouterRecord } from "@trpc/server";
import { notFound } from "../errors.ts";
import { can } from "../policies/member.ts";
import { rateLimitPerMember, rateLimitPerUser } from "../rate-limit.ts";
import { resourceRung } from "../rungs/resource.ts";
import { byIdInput } from "../schemas/common.ts";
import { createInvitationInput, invitationLinkInput } from "../schemas/invitation.ts";
import {
  acceptInvitation,
  createInvitation,
  declineInvitation,
  findPendingInvitation,
  getInvitationForInvitee,
  listInvitations,
  listMyInvitations,
  previewInvitation,
  resendInvitation,
  revokeInvitation,
} from "../services/invitation.ts";
import { rankRefusal } from "../services/member.ts";
import { authedProcedure, publicProcedure, roleProcedure } from "../trpc.ts";

// Mutations hold the admin's membership row (roleProcedure): a removal or demotion racing them
// waits, then revokes what they sent.
const admin = roleProcedure("admin");

/**
 * The pending invitation a resend or revoke names, if the actor manages its role (the rank rule,
 * policies/member.ts). Admins see every pending invitation in their list, so refusing one says
 * why (FORBIDDEN) instead of pretending it does not exist.
 */
const managedInvitation = (verb: string) =>
  resourceRung({
    input: byIdInput,
    load: (scope, input) => findPendingInvitation(scope, input.id),
    can: (actor, pending) => can(actor, "manageInvitation", pending),
    missing: () => notFound("Pending invitation"),
    forbidden: (pending, actor) => rankRefusal(actor.role, pending.role, verb),
  });
// Every invitation (new or resent) is a mail we send in the organization's name: 30 an hour per
// admin of an organization, and 50 an hour per person across all their organizations (or ten
// new organizations a day would make ten budgets).
const sendsMail = admin
  .concat(
    rateLimitPerMember("invitation.send", {
      max: 30,
      windowSeconds: 3600,
      what: "invitations sent",
    }),
  )
  .concat(
    rateLimitPerUser("invitation.send", {
      max: 50,
      windowSeconds: 3600,
      what: "invitations sent from your account",
    }),
  );

export const invitationRouter = {
  // Managed by admins of the organization named in the request.
  list: admin.query(({ ctx }) => listInvitations(ctx.scope)),
  create: sendsMail
    .input(createInvitationInput)
    .mutation(({ ctx, input }) => createInvitation(ctx.scope, input)),
  resend: sendsMail
    .concat(managedInvitation("resend an invitation to"))
    .mutation(({ ctx }) => resendInvitation(ctx.scope, ctx.resource)),
  revoke: admin
    .concat(managedInvitation("revoke an invitation to"))
    .mutation(({ ctx }) => revokeInvitation(ctx.scope, ctx.resource)),
} satisfies TRPCRouterRecord;

/**
 * Invitations addressed to the signed-in person (`me.invitations`): answered before they are a
 * member, so outside any organization's scope.
 */
export const myInvitationsRouter = {
  list: authedProcedure.query(({ ctx }) => listMyInvitations(ctx.db, ctx.user, ctx.now())),
  byId: authedProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => getInvitationForInvitee(ctx.db, ctx.user, input.id, ctx.now())),
  accept: authedProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.user, input.id, ctx.now())),
  decline: authedProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => declineInvitation(ctx.db, ctx.user, input.id, ctx.now())),
} satisfies TRPCRouterRecord;

/**
 * What an invitation link says to whoever opens it, signed out included (`invitationLink`): who
 * invites, to which organization, and the address the link was mailed to. The link's key is the
 * secret (only the mail has it; admins see the id); see previewInvitation.
 */
export const invitationLinkRouter = {
  preview: publicProcedure
    .input(invitationLinkInput)
    .query(async ({ ctx, input }) =>
      previewInvitation(ctx.db, (await ctx.auth.$context).secret, input, ctx.now()),
    ),
} satisfies TRPCRouterRecord;
