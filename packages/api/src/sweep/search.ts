import { sweepDomain } from "./define.ts";

// Search answers lists, never errors: across organizations the sweep's leak check holds it to
// finding none of the victim's words (the post sweep's rows: "Victim's secret body" in a private
// space, and its secret comment). Inside the organization, who finds what in public, private and
// paid spaces is community-search.test.ts's visibility matrix.
export const searchSweep = sweepDomain<Record<string, never>>({
  async seed() {
    return {};
  },
  procedures: {
    "search.posts": { access: "member", input: () => ({ q: "victim secret" }) },
    "search.comments": { access: "member", input: () => ({ q: "victim secret" }) },
    // The resource sweep's private library: "Victim's secret link", "Victim's secret description".
    "search.resources": { access: "member", input: () => ({ q: "victim secret" }) },
  },
});
