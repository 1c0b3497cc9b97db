// Reactions and votes: the inputs of the reaction procedures, shared with the web's reaction bar.
import { reactionEmojis, voteDirections } from "@guild/db/enums";
import { z } from "zod";
import { idSchema } from "./common.ts";

/**
 * The item reacted to or voted on: a post (no commentId), or one of its comments. The post is
 * named either way; a comment of another post is NOT_FOUND.
 */
const item = { postId: idSchema, commentId: idSchema.nullish() };

export const toggleReactionInput = z.object({
  ...item,
  emoji: z.enum(reactionEmojis, "Choose one of the reactions"),
});

export const setVoteInput = z.object({
  ...item,
  vote: z.enum(voteDirections, "Vote up, down or none"),
});

/** The reaction bars of a page of posts (a feed's page): at most a page's worth. */
export const postReactionsInput = z.object({ postIds: z.array(idSchema).max(100) });
