import type { TRPCRouterRecord } from "@trpc/server";
import { rateLimitPerMember, rateLimitPerUser } from "../rate-limit.ts";
import { createInvitationInput, invitationIdInput } from "../schemas/invitation.ts";
import {
  acceptInvitation,
  createInvitation,
  declineInvitation,
  getInvitationForInvitee,
  listInvitations,
  listMyInvitations,
  resendInvitation,
  revokeInvitation,
} from "../services/invitation.ts";
import { authedProcedure, roleProcedure } from "../trpc.ts";

const admin = roleProcedure("admin");
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
    .input(invitationIdInput)
    .mutation(({ ctx, input }) => resendInvitation(ctx.scope, input.invitationId)),
  revoke: admin
    .input(invitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.scope, input.invitationId)),

  // Answered by the person invited (no organization scope yet: they are not a member).
  mine: authedProcedure.query(({ ctx }) => listMyInvitations(ctx.db, ctx.user, ctx.now())),
  byId: authedProcedure
    .input(invitationIdInput)
    .query(({ ctx, input }) =>
      getInvitationForInvitee(ctx.db, ctx.user, input.invitationId, ctx.now()),
    ),
  accept: authedProcedure
    .input(invitationIdInput)
    .mutation(({ ctx, input }) =>
      acceptInvitation(ctx.db, ctx.user, input.invitationId, ctx.now()),
    ),
  decline: authedProcedure
    .input(invitationIdInput)
    .mutation(({ ctx, input }) =>
      declineInvitation(ctx.db, ctx.user, input.invitationId, ctx.now()),
    ),
} satisfies TRPCRouterRecord;
