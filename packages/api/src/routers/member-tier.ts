import type { TRPCRouterRecord } from "@trpc/server";
import {
  archiveTierInput,
  chooseFreeTierInput,
  createTierInput,
  grantTierInput,
  listTiersInput,
  revokeTierInput,
  tierCheckoutInput,
  tierMembersInput,
  updateTierInput,
} from "../schemas/member-tier.ts";
import { requireStripe, type StripeCallContext } from "../services/billing-context.ts";
import {
  connectStatus,
  startConnectOnboarding,
  syncConnectedAccount,
} from "../services/connect.ts";
import {
  archiveTier,
  chooseFreeTier,
  createTier,
  grantTier,
  listTierMembers,
  listTiers,
  myTier,
  revokeTier,
  setTierCancellation,
  startTierCheckout,
  updateTier,
} from "../services/member-tier.ts";
import { orgLongProcedure, orgProcedure, roleLongProcedure, roleProcedure } from "../trpc.ts";

type LongContext = Parameters<Parameters<typeof orgLongProcedure.mutation>[0]>[0]["ctx"];

/** What the services that call Stripe need from a long procedure's context. */
function stripeContext(ctx: LongContext): StripeCallContext {
  return {
    tenant: ctx.tenant,
    stripe: requireStripe(ctx.stripe),
    organizationId: ctx.organizationId,
    organizationSlug: ctx.member.organizationSlug,
    appUrl: ctx.appUrl,
    memberId: ctx.member.memberId,
    userId: ctx.user.id,
    userEmail: ctx.user.email,
  };
}

// Member tiers (services/member-tier.ts): members read the offer and their own tier, choose a free
// one, buy one through Stripe's checkout on the connected account, cancel or resume it; admins
// manage the catalog and comp tiers; another member's tier is theirs and admins' only.
export const memberTierRouter = {
  list: orgProcedure.input(listTiersInput).query(({ ctx, input }) => listTiers(ctx.scope, input)),
  mine: orgProcedure.query(({ ctx }) => myTier(ctx.scope)),
  members: roleProcedure("admin")
    .input(tierMembersInput)
    .query(({ ctx, input }) => listTierMembers(ctx.scope, input)),
  create: roleLongProcedure("admin")
    .input(createTierInput)
    .mutation(({ ctx, input }) => createTier(stripeContext(ctx), input)),
  update: roleLongProcedure("admin")
    .input(updateTierInput)
    .mutation(({ ctx, input }) => updateTier(stripeContext(ctx), input)),
  archive: roleLongProcedure("admin")
    .input(archiveTierInput)
    .mutation(({ ctx, input }) => archiveTier(stripeContext(ctx), input)),
  grant: roleProcedure("admin")
    .input(grantTierInput)
    .mutation(({ ctx, input }) => grantTier(ctx.scope, input)),
  revoke: roleProcedure("admin")
    .input(revokeTierInput)
    .mutation(({ ctx, input }) => revokeTier(ctx.scope, input)),
  chooseFree: orgProcedure
    .input(chooseFreeTierInput)
    .mutation(({ ctx, input }) => chooseFreeTier(ctx.scope, input)),
  checkout: orgLongProcedure
    .input(tierCheckoutInput)
    .mutation(({ ctx, input }) => startTierCheckout(stripeContext(ctx), input)),
  cancel: orgLongProcedure.mutation(({ ctx }) => setTierCancellation(stripeContext(ctx), true)),
  resume: orgLongProcedure.mutation(({ ctx }) => setTierCancellation(stripeContext(ctx), false)),
} satisfies TRPCRouterRecord;

// Stripe Connect (services/connect.ts): the owner connects the organization's Stripe account from
// billing settings; admins see its state.
export const connectRouter = {
  status: roleProcedure("admin").query(({ ctx }) => connectStatus(ctx.scope)),
  start: roleLongProcedure("owner").mutation(({ ctx }) =>
    startConnectOnboarding(stripeContext(ctx)),
  ),
  sync: roleLongProcedure("admin").mutation(({ ctx }) => syncConnectedAccount(stripeContext(ctx))),
} satisfies TRPCRouterRecord;
