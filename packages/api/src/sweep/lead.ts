import { sweepDomain } from "./define.ts";

export const leadSweep = sweepDomain({
  async seed(victim) {
    const lead = await victim.owner.lead.create({
      name: "Victim's secret lead",
      valueCents: 99_00,
    });
    // A soft-deleted one too, so restore is aimed at something real.
    const deleted = await victim.owner.lead.create({ name: "Victim's deleted lead" });
    await victim.owner.lead.remove({ ids: [deleted.id] });
    return { leadId: lead.id, deletedLeadId: deleted.id };
  },
  procedures: {
    "lead.list": { access: "member", input: () => ({ limit: 100 }) },
    "lead.byId": { access: "member", input: (s) => ({ id: s.leadId }) },
    "lead.timeline": { access: "member", input: (s) => ({ id: s.leadId }) },
    "lead.create": { access: "member", input: () => ({ name: "Planted lead" }) },
    "lead.update": { access: "member", input: (s) => ({ id: s.leadId, name: "Hijacked" }) },
    "lead.changeStatus": { access: "member", input: (s) => ({ id: s.leadId, status: "lost" }) },
    "lead.pipelineSummary": { access: "member", input: () => undefined },
    "lead.remove": { access: "admin", input: (s) => ({ ids: [s.leadId] }) },
    "lead.restore": { access: "admin", input: (s) => ({ ids: [s.deletedLeadId] }) },
  },
});
