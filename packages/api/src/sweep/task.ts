import { type InOrgRight, missingId, sweepDomain } from "./define.ts";

interface TaskSeed {
  taskId: string;
  deletedTaskId: string;
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
    return {
      taskId: task.id,
      deletedTaskId: deleted.id,
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
