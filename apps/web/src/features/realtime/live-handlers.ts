// Every domain's live handler, one line per domain.
import { achievementLive } from "../achievements/live.ts";
import { assistantLive } from "../assistant/live.ts";
import { chatLive } from "../chat/live.ts";
import { commentLive } from "../comments/live.ts";
import { eventLive } from "../events/live.ts";
import { liveSessionLive } from "../events/live-session-live.ts";
import { eventRsvpLive } from "../events/rsvp-live.ts";
import { leadImportLive } from "../lead-import/live.ts";
import { leadLive, leadNoteLive } from "../leads/live.ts";
import { learningLive } from "../learning/live.ts";
import { memberLive } from "../members/live.ts";
import { directMessageLive } from "../messages/live.ts";
import { notificationLive } from "../notifications/live.ts";
import { postLive } from "../posts/live.ts";
import { resourceLive } from "../resources/live.ts";
import { spaceOrderLive, spaceUnreadLive } from "../spaces/live.ts";
import { studioLive } from "../studio/live.ts";
import { taskLive } from "../tasks/live.ts";
import type { LiveHandler } from "./live.ts";

export const liveHandlers: LiveHandler[] = [
  chatLive,
  directMessageLive,
  commentLive,
  eventLive,
  leadLive,
  leadNoteLive,
  leadImportLive,
  ...learningLive,
  memberLive,
  notificationLive,
  postLive,
  resourceLive,
  ...spaceUnreadLive,
  spaceOrderLive,
  taskLive,
  achievementLive,
  assistantLive,
  liveSessionLive,
  eventRsvpLive,
  studioLive,
];
