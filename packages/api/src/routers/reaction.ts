import type { TRPCRouterRecord } from "@trpc/server";
import { postReactionsInput, setVoteInput, toggleReactionInput } from "../schemas/reaction.ts";
import { postReactions, setVote, toggleReaction } from "../services/reaction.ts";
import { orgProcedure } from "../trpc.ts";

// Reactions and votes (services/reaction.ts) on the posts and comments a member sees: each
// answers the item's new counts and the member's own state.
export const reactionRouter = {
  ofPosts: orgProcedure
    .input(postReactionsInput)
    .query(({ ctx, input }) => postReactions(ctx.scope, input)),
  toggle: orgProcedure
    .input(toggleReactionInput)
    .mutation(({ ctx, input }) => toggleReaction(ctx.scope, input)),
  vote: orgProcedure.input(setVoteInput).mutation(({ ctx, input }) => setVote(ctx.scope, input)),
} satisfies TRPCRouterRecord;
