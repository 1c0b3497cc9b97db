import { noSeed, sweepDomain } from "./define.ts";

// ai.status names no row: any member may ask, and it says nothing about the organization.
export const aiSweep = sweepDomain({
  seed: noSeed,
  procedures: {
    "ai.status": { access: "member", input: () => undefined },
  },
});
