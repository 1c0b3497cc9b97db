import { type InOrgRight, missingId, sweepDomain } from "./define.ts";

interface LeadSeed {
  leadId: string;
  deletedLeadId: string;
  /** Aimed at by the bulk actions: the holder's bulk delete takes it away, not leadId. */
  bulkLeadId: string;
}

/**
 * The CRM is staff-only (policies/lead.ts): a member without CRM access is refused every lead
 * procedure, before anything is read, with the same answer whatever the id.
 */
const crm = (holder: "crmMember" | "admin"): InOrgRight<LeadSeed>[] => [
  {
    right: "CRM access",
    lacking: ["member", "moderator"],
    holder,
    refusal: { kind: "capability", reason: "CRM_ACCESS" },
  },
];

export const leadSweep = sweepDomain<LeadSeed>({
  async seed(victim) {
    const lead = await victim.owner.lead.create({
      name: "Victim's secret lead",
      valueCents: 99_00,
    });
    // A soft-deleted one too, so restore is aimed at something real.
    const deleted = await victim.owner.lead.create({ name: "Victim's deleted lead" });
    await victim.owner.lead.remove({ ids: [deleted.id] });
    const bulk = await victim.owner.lead.create({ name: "Victim's bulk lead" });
    return { leadId: lead.id, deletedLeadId: deleted.id, bulkLeadId: bulk.id };
  },
  procedures: {
    "lead.list": { access: "member", input: () => ({ limit: 100 }), requires: crm("crmMember") },
    "lead.count": { access: "member", input: () => ({}), requires: crm("crmMember") },
    // By filter: another organization's leads never match, so across organizations the sweep
    // checks that nothing of the victim's changed.
    "lead.bulkChangeStatus": {
      access: "member",
      input: (s) => ({ filter: {}, ids: [s.bulkLeadId], status: "lost" }),
      requires: crm("crmMember"),
    },
    "lead.bulkAssign": {
      access: "member",
      input: (s) => ({ filter: {}, ids: [s.bulkLeadId], ownerMemberId: null }),
      requires: crm("crmMember"),
    },
    "lead.bulkRemove": {
      access: "admin",
      input: (s) => ({ filter: {}, ids: [s.bulkLeadId] }),
      requires: crm("admin"),
    },
    "lead.exportPage": { access: "member", input: () => ({}), requires: crm("crmMember") },
    "lead.salesReport": { access: "member", input: () => ({}), requires: crm("crmMember") },
    "lead.byId": {
      access: "member",
      input: (s) => ({ id: s.leadId }),
      missing: () => ({ id: missingId }),
      requires: crm("crmMember"),
    },
    "lead.timeline": {
      access: "member",
      input: (s) => ({ id: s.leadId }),
      missing: () => ({ id: missingId }),
      requires: crm("crmMember"),
    },
    "lead.create": {
      access: "member",
      input: () => ({ name: "Planted lead" }),
      requires: crm("crmMember"),
    },
    "lead.update": {
      access: "member",
      input: (s) => ({ id: s.leadId, name: "Hijacked" }),
      missing: () => ({ id: missingId, name: "Hijacked" }),
      requires: crm("crmMember"),
    },
    "lead.changeStatus": {
      access: "member",
      input: (s) => ({ id: s.leadId, status: "lost" }),
      missing: () => ({ id: missingId, status: "lost" }),
      requires: crm("crmMember"),
    },
    "lead.pipelineSummary": {
      access: "member",
      input: () => undefined,
      requires: crm("crmMember"),
    },
    "lead.remove": {
      access: "admin",
      input: (s) => ({ ids: [s.leadId] }),
      missing: () => ({ ids: [missingId] }),
      requires: crm("admin"),
    },
    "lead.restore": {
      access: "admin",
      input: (s) => ({ ids: [s.deletedLeadId] }),
      missing: () => ({ ids: [missingId] }),
      requires: crm("admin"),
    },
  },
});
