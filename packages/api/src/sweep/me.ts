import { noSeed, sweepDomain } from "./define.ts";

export const meSweep = sweepDomain({
  seed: noSeed,
  procedures: {
    "me.session": { access: "public", input: () => undefined },
    "me.organizations.list": { access: "authed", input: () => undefined },
    // A wrong password: no caller of the sweep may end up deleted.
    "me.deleteAccount": { access: "authed", input: () => ({ password: "not-the-password" }) },
  },
});
