import { noSeed, sweepDomain } from "./define.ts";

export const activitySweep = sweepDomain({
  seed: noSeed,
  procedures: {
    "activity.list": { access: "admin", input: () => ({}) },
    // The learning activity log (services/activity-log.ts): a member's own, the organization's
    // for admins. The victim's entries come from the other domains' seeds (posts, lessons).
    "activity.mine": { access: "member", input: () => ({}) },
    "activity.organization": { access: "admin", input: () => ({}) },
  },
});
