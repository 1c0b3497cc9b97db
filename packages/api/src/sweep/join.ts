import { missingId, sweepDomain } from "./define.ts";

interface JoinSeed {
  requestId: string;
  slug: string;
}

export const joinSweep = sweepDomain<JoinSeed>({
  // A join request to the victim: the victim asks for approval while someone asks, then goes back
  // to invitation only (the default), so every join aimed at it is refused and changes nothing.
  async seed(victim) {
    const [org] = await victim.fx.db.query.organization.findMany({
      columns: { slug: true },
      where: (o, { eq }) => eq(o.id, victim.organizationId),
    });
    if (!org) throw new Error("the victim organization is missing");
    await victim.owner.organization.update({ joinPolicy: "approval" });
    const asker = await victim.fx.signUp("Victim's applicant");
    const asked = await (await asker.caller()).join.join({ slug: org.slug });
    if (asked.status !== "pending") throw new Error("the join request was not filed");
    await victim.owner.organization.update({ joinPolicy: "invitation" });
    const [request] = await victim.owner.joinRequest.list({ status: "pending" });
    if (!request) throw new Error("the join request is not in the queue");
    return { requestId: request.id, slug: org.slug };
  },
  procedures: {
    // Public by design: anyone reads an organization's public page. Aimed at another
    // organization's page, since the victim's own shows what it shows the world (its public
    // spaces and tiers, whose names the sweep's leak check counts as the victim's); what the page
    // must never show is join.test.ts's.
    "publicPage.get": { access: "public", input: () => ({ slug: "other" }) },
    // Signed-in people outside the organization: the victim takes members by invitation only.
    "join.join": { access: "authed", input: (s) => ({ slug: s.slug }) },
    "join.checkout": {
      access: "authed",
      input: (s) => ({ slug: s.slug, tierId: missingId, interval: "month" }),
    },
    "joinRequest.list": { access: "admin", input: () => ({ status: "pending" }) },
    "joinRequest.approve": {
      access: "admin",
      input: (s) => ({ id: s.requestId }),
      missing: () => ({ id: missingId }),
    },
    "joinRequest.deny": {
      access: "admin",
      input: (s) => ({ id: s.requestId }),
      missing: () => ({ id: missingId }),
    },
  },
});
