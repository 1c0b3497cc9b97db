import { type InOrgRight, missingId, sweepDomain } from "./define.ts";

interface TaskSeed {
  taskId: string;
  deletedTaskId: string;
  /** Aimed at by the bulk actions (by the owner's filter and this id). */
  bulkTaskId: string;
  bulkDeletedTaskId: string;
  leadId: string;
  ownerMemberId: string;
}

/** Tasks are the CRM's (policies/lead.ts): refused without CRM access, before anything is read. */
const crm: InOrgRight<TaskSeed>[] = [
  {
    right: "CRM access",
    lacking: ["member", "moderator"],
    holder: "crmMember",
    refusal: { kind: "capability", reason: "CRM_ACCESS" },
  },
];

const inADay = () => new Date(Date.now() + 86_400_000);

export const taskSweep = sweepDomain<TaskSeed>({
  async seed(victim) {
    const lead = await victim.owner.lead.create({ name: "Victim's lead with a task" });
    const task = await victim.owner.task.create({
      title: "Victim's secret task",
      notes: "Victim's notes",
      dueAt: inADay(),
      leadId: lead.id,
    });
    // A soft-deleted one too, so restore is aimed at something real.
    const deleted = await victim.owner.task.create({
      title: "Victim's deleted task",
      dueAt: inADay(),
    });
    await victim.owner.task.delete({ id: deleted.id });
    const bulk = await victim.owner.task.create({ title: "Victim's bulk task", dueAt: inADay() });
    const bulkDeleted = await victim.owner.task.create({
      title: "Victim's bulk deleted task",
      dueAt: inADay(),
    });
    await victim.owner.task.delete({ id: bulkDeleted.id });
    return {
      taskId: task.id,
      deletedTaskId: deleted.id,
      bulkTaskId: bulk.id,
      bulkDeletedTaskId: bulkDeleted.id,
      leadId: lead.id,
      ownerMemberId: victim.memberIds.owner,
    };
  },
  procedures: {
    "task.list": {
      access: "member",
      input: (s) => ({ assigneeMemberId: s.ownerMemberId, limit: 100 }),
      missing: () => ({ assigneeMemberId: missingId, limit: 100 }),
      requires: crm,
    },
    "task.count": {
      access: "member",
      input: (s) => ({ assigneeMemberId: s.ownerMemberId, status: "all" }),
      missing: () => ({ assigneeMemberId: missingId, status: "all" }),
      requires: crm,
    },
    // By filter: another organization's tasks never match, so across organizations the sweep
    // checks that nothing of the victim's changed.
    "task.bulkComplete": {
      access: "member",
      input: (s) => ({ filter: { everyone: true }, ids: [s.bulkTaskId], done: true }),
      missing: () => ({ filter: { everyone: true }, ids: [missingId], done: true }),
      requires: crm,
    },
    "task.bulkAssign": {
      access: "member",
      input: (s) => ({
        filter: { everyone: true },
        ids: [s.bulkTaskId],
        assigneeMemberId: s.ownerMemberId,
      }),
      missing: () => ({
        filter: { everyone: true },
        ids: [missingId],
        assigneeMemberId: missingId,
      }),
      requires: crm,
    },
    "task.bulkDelete": {
      access: "member",
      input: (s) => ({ filter: { everyone: true, status: "all" }, ids: [s.bulkTaskId] }),
      missing: () => ({ filter: { everyone: true, status: "all" }, ids: [missingId] }),
      requires: crm,
    },
    "task.bulkRestore": {
      access: "member",
      input: (s) => ({ ids: [s.bulkDeletedTaskId] }),
      missing: () => ({ ids: [missingId] }),
      requires: crm,
    },
    "task.listForLead": {
      access: "member",
      input: (s) => ({ leadId: s.leadId }),
      missing: () => ({ leadId: missingId }),
      requires: crm,
    },
    "task.byId": {
      access: "member",
      input: (s) => ({ id: s.taskId }),
      missing: () => ({ id: missingId }),
      requires: crm,
    },
    "task.create": {
      access: "member",
      input: (s) => ({ title: "Planted task", dueAt: inADay(), leadId: s.leadId }),
      missing: () => ({ title: "Planted task", dueAt: inADay(), leadId: missingId }),
      requires: crm,
    },
    "task.update": {
      access: "member",
      input: (s) => ({ id: s.taskId, title: "Hijacked" }),
      missing: () => ({ id: missingId, title: "Hijacked" }),
      requires: crm,
    },
    "task.complete": {
      access: "member",
      input: (s) => ({ id: s.taskId, done: true }),
      missing: () => ({ id: missingId, done: true }),
      requires: crm,
    },
    "task.delete": {
      access: "member",
      input: (s) => ({ id: s.taskId }),
      missing: () => ({ id: missingId }),
      requires: crm,
    },
    "task.restore": {
      access: "member",
      input: (s) => ({ id: s.deletedTaskId }),
      missing: () => ({ id: missingId }),
      requires: crm,
    },
  },
});
