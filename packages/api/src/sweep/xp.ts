import { sweepDomain } from "./define.ts";

// XP is read-only through procedures: every member reads their own total and the organization's
// boards; nobody outside it reads either. The victim's XP comes from a published post (the
// community XP its author earns), so xp_event and xp_standing hold victim rows to watch.
export const xpSweep = sweepDomain({
  async seed(victim) {
    const space = await victim.owner.space.create({
      name: "Victim's XP space",
      slug: "victim-xp",
      description: "",
      icon: "",
      type: "discussion",
      visibility: "public",
      section: "",
      tierIds: [],
    });
    await victim.owner.post.create({
      spaceId: space.id,
      title: "Victim's XP post",
      body: "Earns its author XP",
      type: "discussion",
      tags: [],
      publish: true,
    });
    return {};
  },
  procedures: {
    "xp.me": { access: "member", input: () => undefined },
    "leaderboard.get": { access: "member", input: () => ({ period: "weekly", offset: 0 }) },
  },
});
