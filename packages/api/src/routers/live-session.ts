import type { TRPCRouterRecord } from "@trpc/server";
import {
  configureLiveSessionInput,
  eventIdInput,
  feedbackInput,
  setRecordingInput,
} from "../schemas/live-session.ts";
import {
  configureLiveSession,
  giveFeedback,
  joinSession,
  leaveSession,
  linkOptions,
  liveSessionView,
  sessionStats,
  setRecording,
} from "../services/live-session.ts";
import { orgProcedure } from "../trpc.ts";

// Live sessions (services/live-session.ts): whoever sees an event reads its session, joins and
// leaves it (when going), and gives feedback after it; its hosts (and moderators and up) link it
// to learning, add the recording and read the statistics. An event the caller cannot see is
// NOT_FOUND; a host's action by someone else is FORBIDDEN (they see the event).
export const liveSessionRouter = {
  get: orgProcedure
    .input(eventIdInput)
    .query(({ ctx, input }) => liveSessionView(ctx.scope, input)),
  linkOptions: orgProcedure.query(({ ctx }) => linkOptions(ctx.scope)),
  configure: orgProcedure
    .input(configureLiveSessionInput)
    .mutation(({ ctx, input }) => configureLiveSession(ctx.scope, input)),
  setRecording: orgProcedure
    .input(setRecordingInput)
    .mutation(({ ctx, input }) => setRecording(ctx.scope, input)),
  join: orgProcedure
    .input(eventIdInput)
    .mutation(({ ctx, input }) => joinSession(ctx.scope, input)),
  leave: orgProcedure
    .input(eventIdInput)
    .mutation(({ ctx, input }) => leaveSession(ctx.scope, input)),
  feedback: orgProcedure
    .input(feedbackInput)
    .mutation(({ ctx, input }) => giveFeedback(ctx.scope, input)),
  stats: orgProcedure.input(eventIdInput).query(({ ctx, input }) => sessionStats(ctx.scope, input)),
} satisfies TRPCRouterRecord;
