import { type InOrgRight, listHas, missingId, sweepDomain } from "./define.ts";

interface LeadNoteSeed {
  leadId: string;
  noteId: string;
  deletedNoteId: string;
}

/** Notes are the CRM's (policies/lead.ts): refused without CRM access, before anything is read. */
const crm = (holder?: "crmMember" | "owner"): InOrgRight<LeadNoteSeed> => ({
  right: "CRM access",
  lacking: ["member", "moderator"],
  ...(holder ? { holder } : {}),
  refusal: { kind: "capability", reason: "CRM_ACCESS" },
});

/**
 * A colleague's note is on the lead's timeline for all the staff to read, so refusing to edit or
 * delete it says why (policies/lead-note.ts).
 */
const shownOnTimeline = {
  kind: "visible",
  through: { path: "lead.timeline", inputOf: (s: LeadNoteSeed) => ({ id: s.leadId }) },
  shows: (answer: unknown, s: LeadNoteSeed) => listHas(answer, s.noteId),
} as const;

export const leadNoteSweep = sweepDomain<LeadNoteSeed>({
  // The owner's note and a deleted one of theirs, so restore is aimed at something real.
  async seed({ owner }) {
    const lead = await owner.lead.create({ name: "Victim's lead with notes" });
    const note = await owner.leadNote.add({
      leadId: lead.id,
      kind: "call",
      body: "Victim's secret call notes",
      durationMinutes: 12,
      outcome: "connected",
    });
    const deleted = await owner.leadNote.add({
      leadId: lead.id,
      kind: "note",
      body: "Victim's deleted note",
    });
    await owner.leadNote.remove({ id: deleted.id });
    return { leadId: lead.id, noteId: note.id, deletedNoteId: deleted.id };
  },
  procedures: {
    "leadNote.add": {
      access: "member",
      input: (s) => ({ leadId: s.leadId, kind: "note", body: "Planted note" }),
      missing: () => ({ leadId: missingId, kind: "note", body: "Planted note" }),
      requires: [crm("crmMember")],
    },
    "leadNote.update": {
      access: "member",
      input: (s) => ({ id: s.noteId, kind: "note", body: "Hijacked" }),
      missing: () => ({ id: missingId, kind: "note", body: "Hijacked" }),
      requires: [
        crm("owner"),
        {
          right: "the note's author",
          lacking: ["admin", "peerAdmin", "crmMember"],
          holder: "owner",
          refusal: shownOnTimeline,
        },
      ],
    },
    "leadNote.remove": {
      access: "member",
      input: (s) => ({ id: s.noteId }),
      missing: () => ({ id: missingId }),
      requires: [
        // No holder: the authorship right's holder makes the one call that succeeds.
        crm(),
        {
          right: "the note's author or an admin",
          lacking: ["crmMember"],
          holder: "admin",
          refusal: shownOnTimeline,
        },
      ],
    },
    "leadNote.restore": {
      access: "member",
      input: (s) => ({ id: s.deletedNoteId }),
      missing: () => ({ id: missingId }),
      requires: [
        crm(),
        {
          // A deleted note is on no timeline: to whoever could not delete it, it does not exist.
          right: "the note's author or an admin",
          lacking: ["crmMember"],
          holder: "admin",
          refusal: { kind: "hidden" },
        },
      ],
    },
  },
});
