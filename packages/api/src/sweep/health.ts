import { noSeed, sweepDomain } from "./define.ts";

export const healthSweep = sweepDomain({
  seed: noSeed,
  procedures: {
    "health.ping": { access: "public", input: () => undefined },
    "health.config": { access: "public", input: () => undefined },
  },
});
