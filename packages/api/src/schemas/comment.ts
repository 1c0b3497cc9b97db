// Comments: the inputs of the comment procedures, shared with the web's reply and edit forms.
import { COMMENT_BODY_MAX } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";

/** A comment's markdown: what the database's comment_body_check allows. */
export const commentBody = text()
  .trim()
  .min(1, "Write something first")
  .max(COMMENT_BODY_MAX, `At most ${COMMENT_BODY_MAX.toLocaleString("en")} characters`);

/** Where a thread level's page ends: the last comment's (createdAt, id), oldest first. */
export const commentCursor = z.object({ createdAt: timestamp(), id: idSchema });
export type CommentCursor = z.infer<typeof commentCursor>;

const page = {
  limit: z.number().int().min(1).max(50).default(20),
  cursor: commentCursor.nullish(),
};

/** A post's comments on the post itself (each with a first few replies). */
export const listCommentsInput = z.object({ postId: idSchema, ...page });

/** "Load more replies": a comment's direct replies after the cursor. */
export const listRepliesInput = z.object({ commentId: idSchema, ...page });

export const createCommentInput = z.object({
  postId: idSchema,
  /** The comment replied to; null or absent for a comment on the post. */
  parentCommentId: idSchema.nullish(),
  body: commentBody,
});

export const updateCommentInput = z.object({ id: idSchema, body: commentBody });
