import { notificationKind } from "./define.ts";
import { describeEvents } from "./event.ts";

/** A host added the recording of a live session the member answered (liveSession.setRecording). */
export const eventRecording = notificationKind({
  kind: "event.recording",
  label: "A session you signed up for has its recording",
  defaults: { inApp: true, mail: false },
  describe: describeEvents,
  text: ({ target }) =>
    target ? `The recording of ${target.name} is available` : "A session's recording is available",
});
