import { noSeed, sweepDomain } from "./define.ts";

// The event stream refuses at subscribe (strangers NOT_FOUND, no session UNAUTHORIZED). The
// victim's org_event and organization_event_counter rows come from the other domains' seeds
// (every lead write publishes). What a stream sends is tested in realtime/*.test.ts.
export const realtimeSweep = sweepDomain({
  seed: noSeed,
  procedures: {
    "realtime.position": { access: "member", input: () => undefined },
    "realtime.events": { access: "member", input: () => ({ lastEventId: "0" }) },
  },
});
