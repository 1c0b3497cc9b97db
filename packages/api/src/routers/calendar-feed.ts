import type { TRPCRouterRecord } from "@trpc/server";
import { byIdInput } from "../schemas/common.ts";
import {
  createCalendarFeed,
  eventIcs,
  getCalendarFeed,
  revokeCalendarFeed,
  rotateCalendarFeed,
} from "../services/calendar-feed.ts";
import { orgProcedure } from "../trpc.ts";

// A member's own calendar links (services/calendar-feed.ts): their private feed's URL, shown
// once when made (only its hash is kept), replaced or revoked at will; and an event's `.ics`.
export const calendarFeedRouter = {
  /** Whether the member has an active feed, and since when (never its URL). */
  get: orgProcedure.query(({ ctx }) => getCalendarFeed(ctx.scope)),
  /** Makes the feed: its URL, this once. */
  create: orgProcedure.mutation(({ ctx }) => createCalendarFeed(ctx.scope, ctx.appUrl)),
  /** A new URL; the old one stops working at once. */
  rotate: orgProcedure.mutation(({ ctx }) => rotateCalendarFeed(ctx.scope, ctx.appUrl)),
  revoke: orgProcedure.mutation(({ ctx }) => revokeCalendarFeed(ctx.scope)),
  /** One event's `.ics` (a series with its rule and overrides): GET /api/events/<id>.ics. */
  eventIcs: orgProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => eventIcs(ctx.scope, input, ctx.appUrl)),
} satisfies TRPCRouterRecord;
