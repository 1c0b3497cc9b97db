// Every domain's realtime events, one line per domain. A kind that is not listed here is never
// sent to anyone, whatever the log holds.
import { achievementEvents } from "./achievement.ts";
import { assistantEvents } from "./assistant.ts";
import { chatMessageEvents, chatTypingEvents } from "./chat.ts";
import { commentEvents } from "./comment.ts";
import type { EventDomain } from "./define.ts";
import { directMessageEvents, directMessageRemovalEvents } from "./direct-message.ts";
import { eventEvents } from "./event.ts";
import { eventRsvpEvents } from "./event-rsvp.ts";
import { leadEvents, leadNoteEvents } from "./lead.ts";
import { leadImportEvents } from "./lead-import.ts";
import { memberEvents } from "./member.ts";
import { reportEvents } from "./moderation.ts";
import { notificationEvents } from "./notification.ts";
import { postEvents, postHiddenEvents } from "./post.ts";
import { resourceEvents } from "./resource.ts";
import { spaceOrderEvents, spaceReadEvents } from "./space.ts";
import { studioEvents } from "./studio.ts";
import { taskEvents } from "./task.ts";

export const eventDomains = [
  chatMessageEvents,
  chatTypingEvents,
  directMessageEvents,
  directMessageRemovalEvents,
  commentEvents,
  leadEvents,
  leadImportEvents,
  leadNoteEvents,
  memberEvents,
  notificationEvents,
  postEvents,
  postHiddenEvents,
  reportEvents,
  resourceEvents,
  eventEvents,
  eventRsvpEvents,
  spaceOrderEvents,
  spaceReadEvents,
  taskEvents,
  achievementEvents,
  studioEvents,
  assistantEvents,
] as const;

/** Every kind a service may publish. */
export type EventKind = (typeof eventDomains)[number]["kinds"][number];

/** The domain of each kind. */
export const domainOfKind: ReadonlyMap<string, EventDomain> = new Map(
  eventDomains.flatMap((domain) => domain.kinds.map((kind) => [kind, domain] as const)),
);
