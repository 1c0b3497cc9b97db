import type { TRPCRouterRecord } from "@trpc/server";
import { communitySearchInput } from "../schemas/community-search.ts";
import { searchComments, searchPosts } from "../services/community-search.ts";
import { orgProcedure } from "../trpc.ts";

// Community search (services/community-search.ts): every member searches the posts and comments
// of the spaces they can see; what they cannot see is never found. Members are searched in the
// directory (member.list's search).
export const searchRouter = {
  posts: orgProcedure
    .input(communitySearchInput)
    .query(({ ctx, input }) => searchPosts(ctx.scope, input)),
  comments: orgProcedure
    .input(communitySearchInput)
    .query(({ ctx, input }) => searchComments(ctx.scope, input)),
} satisfies TRPCRouterRecord;
