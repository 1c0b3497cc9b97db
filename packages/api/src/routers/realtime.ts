import { type TRPCRouterRecord, tracked } from "@trpc/server";
import { z } from "zod";
import { eventPosition } from "../realtime/event-log.ts";
import { organizationEvents } from "../realtime/stream.ts";
import { orgProcedure, orgSubscriptionProcedure } from "../trpc.ts";
import { toTRPCError } from "../trpc-errors.ts";

/**
 * `lastEventId` is tRPC's convention: the server puts the Last-Event-ID header (EventSource's own
 * reconnect) or the link's last tracked id (its own reconnect) into the input under that name.
 */
const eventsInput = z
  .object({
    lastEventId: z
      .string()
      .regex(/^\d{1,15}$/, "Not an event id")
      .nullish(),
  })
  .optional();

export const realtimeRouter = {
  /**
   * Where the organization's event log stands now, as an event id: data read after this call
   * reflects every event up to it, so a stream subscribed later with this `lastEventId` misses
   * nothing and need not make everything stale (its `ready`). The app shell carries it
   * (first-load.ts) with the first screen's answers.
   */
  position: orgProcedure.query(async ({ ctx }) => ({
    lastEventId: String((await eventPosition(ctx.scope)).head),
  })),
  /**
   * The organization's one event stream: what changed (kind and target ids), for the member to
   * refetch what they show. One per browser at most (each is an HTTP connection; the web app shares one across tabs).
   */
  events: orgSubscriptionProcedure.input(eventsInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const stream = organizationEvents({
      bus: ctx.realtime,
      organizationId: ctx.organizationId,
      member: {
        kind: "member",
        memberId: ctx.member.memberId,
        userId: ctx.user.id,
        role: ctx.member.role,
        crmAccess: ctx.member.crmAccess,
      },
      lastEventId: input?.lastEventId ? Number(input.lastEventId) : null,
      // Over HTTP tRPC always passes one (aborted when the client leaves); a server-side
      // caller only when given one.
      signal: signal ?? new AbortController().signal,
      asReader: ctx.tenant,
    });
    try {
      for await (const { id, event } of stream) yield tracked(String(id), event);
    } catch (error) {
      // A removed member (NOT_FOUND), an ended session (UNAUTHORIZED), a ban (FORBIDDEN):
      // final for the client. Anything else stays a 500, which the client retries.
      throw toTRPCError(error) ?? error;
    }
  }),
} satisfies TRPCRouterRecord;
