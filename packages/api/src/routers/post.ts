import type { TRPCRouterRecord } from "@trpc/server";
import { postImageUploadInput } from "../schemas/file.ts";
import {
  createPostInput,
  draftsInput,
  homeFeedInput,
  postIdInput,
  spaceFeedInput,
  updatePostInput,
} from "../schemas/post.ts";
import { homeFeed, spaceFeed } from "../services/feed.ts";
import {
  countPostView,
  createPost,
  getPost,
  listDrafts,
  removePost,
  updatePost,
} from "../services/post.ts";
import { startPostImageUpload } from "../services/post-image.ts";
import { orgProcedure } from "../trpc.ts";
import { uploadRateLimit } from "./file.ts";

// Posts and feeds (services/post.ts, services/feed.ts): every member reads the posts of the
// spaces they can see (NOT_FOUND for the others), writes in discussion spaces, and edits and
// deletes their own. Moderators' pin, lock, hide and delete are the moderation router's.
export const postRouter = {
  feed: orgProcedure.input(spaceFeedInput).query(({ ctx, input }) => spaceFeed(ctx.scope, input)),
  home: orgProcedure.input(homeFeedInput).query(({ ctx, input }) => homeFeed(ctx.scope, input)),
  drafts: orgProcedure.input(draftsInput).query(({ ctx, input }) => listDrafts(ctx.scope, input)),
  get: orgProcedure.input(postIdInput).query(({ ctx, input }) => getPost(ctx.scope, input)),
  view: orgProcedure
    .input(postIdInput)
    .mutation(({ ctx, input }) => countPostView(ctx.scope, input)),
  create: orgProcedure
    .input(createPostInput)
    .mutation(({ ctx, input }) => createPost(ctx.scope, input)),
  update: orgProcedure
    .input(updatePostInput)
    .mutation(({ ctx, input }) => updatePost(ctx.scope, input)),
  remove: orgProcedure
    .input(postIdInput)
    .mutation(({ ctx, input }) => removePost(ctx.scope, input)),
  /** An image for a post or comment in a space the member writes in (then file.confirmUpload). */
  startImageUpload: orgProcedure
    .concat(uploadRateLimit)
    .input(postImageUploadInput)
    .mutation(({ ctx, input }) => startPostImageUpload(ctx.scope, ctx.storage, input)),
} satisfies TRPCRouterRecord;
