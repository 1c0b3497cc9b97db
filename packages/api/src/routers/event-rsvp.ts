import type { TRPCRouterRecord } from "@trpc/server";
import { respondInput, rsvpEventInput } from "../schemas/event-rsvp.ts";
import { guestList, myRsvp, respond } from "../services/event-rsvp.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

// RSVPs (services/event-rsvp.ts): whoever sees an event answers it and reads their own answer
// (an event in a space they cannot see is NOT_FOUND); its hosts and moderators read the guest
// list (and download it: GET /api/events/<id>/guests.csv). respond holds the caller's membership
// (roleProcedure): a removal waits for it, and then gives up the seat it took.
export const eventRsvpRouter = {
  mine: orgProcedure.input(rsvpEventInput).query(({ ctx, input }) => myRsvp(ctx.scope, input)),
  respond: roleProcedure("member")
    .input(respondInput)
    .mutation(({ ctx, input }) => respond(ctx.scope, input)),
  guests: orgProcedure.input(rsvpEventInput).query(({ ctx, input }) => guestList(ctx.scope, input)),
} satisfies TRPCRouterRecord;
