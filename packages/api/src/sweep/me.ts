import { noSeed, sweepDomain } from "./define.ts";

export const meSweep = sweepDomain({
  seed: noSeed,
  procedures: {
    "me.session": { access: "public", input: () => undefined },
    "me.organizations": { access: "authed", input: () => undefined },
  },
});
