import { noSeed, sweepDomain } from "./define.ts";

export const activitySweep = sweepDomain({
  seed: noSeed,
  procedures: {
    "activity.list": { access: "admin", input: () => ({}) },
  },
});
