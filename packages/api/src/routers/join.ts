import type { TRPCRouterRecord } from "@trpc/server";
import { rateLimitPerClient, rateLimitPerUser } from "../rate-limit.ts";
import { byIdInput } from "../schemas/common.ts";
import {
  joinCheckoutInput,
  joinInput,
  joinRequestListInput,
  publicPageInput,
} from "../schemas/join.ts";
import { requireStripe } from "../services/billing-context.ts";
import {
  approveJoinRequest,
  denyJoinRequest,
  joinOrganization,
  listJoinRequests,
  publicPage,
  startJoinCheckout,
} from "../services/join.ts";
import { authedProcedure, publicProcedure, roleProcedure } from "../trpc.ts";

// Public pages are read by anyone: 120 a minute per client address is far beyond a person and
// keeps a script from walking every slug.
export const publicRead = publicProcedure.concat(
  rateLimitPerClient("publicPage", { max: 120, windowSeconds: 60, what: "page views" }),
);
// Joining writes (a membership, a request that mails admins, a Stripe checkout): 30 an hour
// per person across organizations.
const joins = authedProcedure.concat(
  rateLimitPerUser("join", { max: 30, windowSeconds: 3600, what: "attempts to join" }),
);

/** The organization's public page (`/c/:slug`), for anyone, signed out included. */
export const publicPageRouter = {
  get: publicRead.input(publicPageInput).query(async ({ ctx, input }) => {
    const session = await ctx.getSession();
    return publicPage(ctx.db, ctx.clock, input.slug, session ? { userId: session.user.id } : null);
  }),
} satisfies TRPCRouterRecord;

/** Joining from the public page: not yet a member, so outside any organization's scope. */
export const joinRouter = {
  join: joins
    .input(joinInput)
    .mutation(({ ctx, input }) => joinOrganization(ctx.db, ctx.clock, ctx.user, input)),
  checkout: joins.input(joinCheckoutInput).mutation(({ ctx, input }) =>
    startJoinCheckout(
      {
        db: ctx.db,
        clock: ctx.clock,
        stripe: requireStripe(ctx.stripe),
        appUrl: ctx.appUrl,
        secret: ctx.secret,
        joiner: ctx.user,
      },
      input,
    ),
  ),
} satisfies TRPCRouterRecord;

/** The admins' queue of join requests (join policy "approval"). */
export const joinRequestRouter = {
  list: roleProcedure("admin")
    .input(joinRequestListInput)
    .query(({ ctx, input }) => listJoinRequests(ctx.scope, input)),
  approve: roleProcedure("admin")
    .input(byIdInput)
    .mutation(({ ctx, input }) => approveJoinRequest(ctx.scope, input.id)),
  deny: roleProcedure("admin")
    .input(byIdInput)
    .mutation(({ ctx, input }) => denyJoinRequest(ctx.scope, input.id)),
} satisfies TRPCRouterRecord;
