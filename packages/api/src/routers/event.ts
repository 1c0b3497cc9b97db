import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { idSchema } from "../schemas/common.ts";
import {
  calendarRangeInput,
  cancelEventInput,
  createEventInput,
  eventCoverUploadInput,
  eventIdInput,
  organizationEventsInput,
  removeEventInput,
  spaceEventsInput,
  spaceEventTagsInput,
  updateEventInput,
} from "../schemas/event.ts";
import {
  calendarEvents,
  cancelEvent,
  createEvent,
  getEvent,
  listOrganizationEvents,
  listSpaceEvents,
  liveEvents,
  removeEvent,
  spaceEventTags,
  startEventCoverUpload,
  updateEvent,
} from "../services/event.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

const organizer = roleProcedure("moderator");

// Events (services/event.ts): whoever sees an events space lists and reads its events (an event
// in a space the caller cannot see is NOT_FOUND); moderators and up create them; an event's
// hosts and moderators edit, cancel and delete it. RSVPs are eventRsvp's (event-rsvp.ts).
export const eventRouter = {
  get: orgProcedure.input(eventIdInput).query(({ ctx, input }) => getEvent(ctx.scope, input)),
  list: orgProcedure
    .input(spaceEventsInput)
    .query(({ ctx, input }) => listSpaceEvents(ctx.scope, input)),
  /** The distinct tags of a space's events, for its tag filter. */
  tags: orgProcedure
    .input(spaceEventTagsInput)
    .query(({ ctx, input }) => spaceEventTags(ctx.scope, input)),
  upcoming: orgProcedure
    .input(organizationEventsInput)
    .query(({ ctx, input }) => listOrganizationEvents(ctx.scope, input)),
  calendar: orgProcedure
    .input(calendarRangeInput)
    .query(({ ctx, input }) => calendarEvents(ctx.scope, input)),
  liveNow: orgProcedure
    .input(z.object({ spaceId: idSchema.nullable().default(null) }))
    .query(({ ctx, input }) => liveEvents(ctx.scope, input.spaceId)),
  create: organizer
    .input(createEventInput)
    .mutation(({ ctx, input }) => createEvent(ctx.scope, input)),
  update: orgProcedure
    .input(updateEventInput)
    .mutation(({ ctx, input }) => updateEvent(ctx.scope, input)),
  cancel: orgProcedure
    .input(cancelEventInput)
    .mutation(({ ctx, input }) => cancelEvent(ctx.scope, input)),
  remove: orgProcedure
    .input(removeEventInput)
    .mutation(({ ctx, input }) => removeEvent(ctx.scope, input)),
  startCoverUpload: organizer
    .input(eventCoverUploadInput)
    .mutation(({ ctx, input }) => startEventCoverUpload(ctx.scope, ctx.storage, input)),
} satisfies TRPCRouterRecord;
