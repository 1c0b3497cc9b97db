// The demo's day-to-day CRM work on top of its leads (seed.ts): notes and logged calls, meetings
// and emails on the leads, and tasks for each member of the sales team (some overdue, some due
// today, some done), so the timelines and "My tasks" look like a team's. Faker with its own
// fixed seed: every fresh demo has the same ones, and the leads' draws are untouched by these.
import type { LeadNoteKind, LeadNoteOutcome, LeadStatus } from "./enums/index.ts";
import type { crmTask, leadNote } from "./schema/index.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A seeded lead, as the activities need it. */
export interface SeededLead {
  id: string;
  name: string;
  company: string | null;
  status: LeadStatus;
  ownerMemberId: string | null;
  createdAt: Date;
}

export interface DemoActivities {
  notes: Array<typeof leadNote.$inferInsert>;
  tasks: Array<typeof crmTask.$inferInsert>;
}

const bodies: Record<LeadNoteKind, ReadonlyArray<(first: string, company: string) => string>> = {
  note: [
    (first) => `${first} prefers email over calls; best reached in the mornings.`,
    (_, company) => `${company} reviews budgets at the end of the quarter.`,
    (first) => `${first} is the decision maker, but finance signs off above 10k.`,
    (_, company) => `${company} is currently using a competitor; contract ends in spring.`,
    (first) => `Met ${first} at the trade fair. Interested in the annual plan.`,
  ],
  call: [
    (first) => `Intro call with ${first}: walked through pricing and onboarding.`,
    (first) => `${first} asked for references from similar companies.`,
    (_, company) => `Discussed ${company}'s timeline; they want to start next month.`,
    (first) => `Follow-up call: ${first} needs a revised quote with volume discount.`,
  ],
  meeting: [
    (_, company) => `Demo for the ${company} team (4 people). Good questions on integrations.`,
    (first) => `On-site visit with ${first}; toured their current setup.`,
    (first) => `Negotiation meeting with ${first} and their CFO.`,
  ],
  email: [
    (first) => `Sent ${first} the proposal and the case study.`,
    (_, company) => `Shared the security questionnaire answers with ${company}.`,
    (first) => `${first} replied: will get back to us after the board meeting.`,
  ],
};

const taskTitles: ReadonlyArray<(first: string, company: string) => string> = [
  (first) => `Call ${first} back`,
  (_, company) => `Send the quote to ${company}`,
  (first) => `Follow up with ${first} on the proposal`,
  (_, company) => `Book a demo with ${company}`,
  (first) => `Ask ${first} for the signed contract`,
  (_, company) => `Prepare the renewal offer for ${company}`,
];

/** Per member: overdue, due later today, upcoming and done tasks. */
const taskMix = { overdue: 2, today: 2, upcoming: 3, done: 3 } as const;

export async function demoActivities(
  organizationId: string,
  leads: readonly SeededLead[],
  memberIds: readonly string[],
  now: Date,
): Promise<DemoActivities> {
  const { faker } = await import("@faker-js/faker/locale/en");
  faker.seed(20_260_102);
  faker.setDefaultRefDate(now);
  const pick = <T>(weights: ReadonlyArray<readonly [T, number]>): T =>
    faker.helpers.weightedArrayElement(weights.map(([value, weight]) => ({ value, weight })));
  const fallbackAuthor = memberIds[0] ?? null;
  const partsOf = (l: SeededLead) => [l.name.split(" ")[0] ?? l.name, l.company ?? l.name] as const;

  const notes: DemoActivities["notes"] = [];
  for (const l of leads) {
    if (!faker.datatype.boolean(0.7)) continue;
    const count = faker.number.int({ min: 1, max: 3 });
    for (let i = 0; i < count; i++) {
      const kind = pick<LeadNoteKind>([
        ["note", 35],
        ["call", 35],
        ["email", 20],
        ["meeting", 10],
      ]);
      const outcome: LeadNoteOutcome | null =
        kind === "call"
          ? pick<LeadNoteOutcome>([
              ["connected", 60],
              ["no_answer", 25],
              ["left_voicemail", 15],
            ])
          : kind === "meeting"
            ? pick<LeadNoteOutcome>([
                ["held", 80],
                ["no_show", 10],
                ["rescheduled", 10],
              ])
            : null;
      const durationMinutes =
        kind === "call" && outcome === "connected"
          ? faker.number.int({ min: 3, max: 40 })
          : kind === "meeting" && outcome === "held"
            ? faker.helpers.arrayElement([30, 45, 60, 90])
            : null;
      const occurredAt = faker.date.between({ from: l.createdAt, to: now });
      notes.push({
        organizationId,
        leadId: l.id,
        kind,
        body: faker.helpers.arrayElement(bodies[kind])(...partsOf(l)),
        occurredAt,
        durationMinutes,
        outcome,
        authorMemberId: l.ownerMemberId ?? fallbackAuthor,
        createdAt: occurredAt,
        updatedAt: occurredAt,
      });
    }
  }

  const open = leads.filter((l) => l.status !== "won" && l.status !== "lost");
  const tasks: DemoActivities["tasks"] = [];
  for (const memberId of memberIds) {
    // Their own open leads first, as a salesperson's tasks mostly are.
    const theirs = open.filter((l) => l.ownerMemberId === memberId);
    const pool = theirs.length > 0 ? theirs : open;
    /** A task on one of the pool's leads, its times drawn after the lead was added. */
    const task = (times: (addedAt: number) => { dueAt: Date; doneAt: Date | null }) => {
      const l = faker.helpers.arrayElement(pool);
      const addedAt = l.createdAt.getTime();
      const { dueAt, doneAt } = times(addedAt);
      // Written a few days before it was due (or done), never before the lead.
      const createdAt = new Date(
        Math.max(
          addedAt,
          Math.min(dueAt.getTime(), doneAt?.getTime() ?? now.getTime()) - 3 * DAY_MS,
        ),
      );
      const [first, company] = partsOf(l);
      tasks.push({
        organizationId,
        title: faker.helpers.arrayElement(taskTitles)(first, company),
        notes: faker.datatype.boolean(0.3)
          ? faker.helpers.arrayElement(bodies.note)(first, company)
          : null,
        dueAt,
        assigneeMemberId: memberId,
        leadId: l.id,
        doneAt,
        // Past due times are no reminders to send now (the reminder job runs for new ones).
        remindedAt: dueAt.getTime() <= now.getTime() ? dueAt : null,
        createdByMemberId: memberId,
        createdAt,
        updatedAt: doneAt ?? createdAt,
      });
    };
    const between = (from: number, to: number) => faker.date.between({ from, to });
    const t = now.getTime();
    if (pool.length === 0) continue;
    for (let i = 0; i < taskMix.overdue; i++)
      task((addedAt) => ({
        dueAt: between(Math.max(addedAt, t - 5 * DAY_MS), t - 2 * HOUR_MS),
        doneAt: null,
      }));
    for (let i = 0; i < taskMix.today; i++)
      task(() => ({ dueAt: between(t + HOUR_MS / 2, t + 3 * HOUR_MS), doneAt: null }));
    for (let i = 0; i < taskMix.upcoming; i++)
      task(() => ({ dueAt: between(t + DAY_MS, t + 10 * DAY_MS), doneAt: null }));
    for (let i = 0; i < taskMix.done; i++)
      task((addedAt) => {
        const dueAt = between(Math.max(addedAt + HOUR_MS, t - 20 * DAY_MS), t - HOUR_MS);
        return {
          dueAt,
          doneAt: between(Math.max(addedAt, dueAt.getTime() - DAY_MS), dueAt.getTime()),
        };
      });
  }
  return { notes, tasks };
}
