import type { TRPCRouterRecord } from "@trpc/server";
import { communitySearchInput } from "../schemas/community-search.ts";
import { searchComments, searchPosts } from "../services/community-search.ts";
import { searchResources } from "../services/resource-search.ts";
import { orgProcedure } from "../trpc.ts";

// Community search (services/community-search.ts, resource-search.ts): every member searches the
// posts, comments and resources of the spaces they can see; what they cannot see is never found.
// Members are searched in the directory (member.list's search).
export const searchRouter = {
  posts: orgProcedure
    .input(communitySearchInput)
    .query(({ ctx, input }) => searchPosts(ctx.scope, input)),
  comments: orgProcedure
    .input(communitySearchInput)
    .query(({ ctx, input }) => searchComments(ctx.scope, input)),
  /** Files and links in the resources spaces the caller sees, by title and description. */
  resources: orgProcedure
    .input(communitySearchInput)
    .query(({ ctx, input }) => searchResources(ctx.scope, input)),
} satisfies TRPCRouterRecord;
