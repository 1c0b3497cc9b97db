// Notes and logged calls, meetings and emails on a lead, through the procedures: they join the
// lead's timeline among its recorded changes, by when they happened; only their author edits
// them, the author or an admin deletes them (softly: restore is the Undo); another
// organization's ids are not found. Who may call what at all is the sweep's (sweep/lead-note.ts).
import { asSystem, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventsAfter } from "../realtime/event-log.ts";
import { listActivity } from "../services/activity.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<Awaited<ReturnType<ApiFixture["signUp"]>>["caller"]>>;
let owner: Caller;
let admin: Caller;
/** A member an admin granted CRM access. */
let member: Caller;

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member", "admin"], { crmAccess: true });
  owner = await acme.owner.caller("acme");
  admin = await acme.members.admin!.caller("acme");
  member = await acme.members.member!.caller("acme");
});
afterAll(() => fx.drop());

/** The timeline as its reader would summarize it: who, and what (an action or a note's kind). */
async function timelineOf(api: Caller, leadId: string) {
  const { items } = await api.lead.timeline({ id: leadId });
  return items.map((e) => (e.type === "activity" ? e.action : `${e.kind}: ${e.body}`));
}

describe("leadNote", () => {
  it("adds notes and logged calls to the lead's timeline, placed by when they happened", async () => {
    const lead = await owner.lead.create({ name: "Ada Lovelace" });
    const call = await member.leadNote.add({
      leadId: lead.id,
      kind: "call",
      body: "  Talked about the analytical engine ",
      occurredAt: ago(90),
      durationMinutes: 25,
      outcome: "connected",
    });
    expect(call).toMatchObject({
      leadId: lead.id,
      kind: "call",
      body: "Talked about the analytical engine",
      durationMinutes: 25,
      outcome: "connected",
      authorMemberId: acme.members.member!.memberId,
      authorName: acme.members.member!.name,
    });
    const note = await owner.leadNote.add({ leadId: lead.id, kind: "note", body: "Prefers mail" });
    await owner.lead.changeStatus({ id: lead.id, status: "contacted" });
    // The call happened before the lead was added here: it sits below "added the lead".
    expect(await timelineOf(member, lead.id)).toEqual([
      "lead.status_changed",
      "note: Prefers mail",
      "lead.created",
      "call: Talked about the analytical engine",
    ]);
    // A note without a time happened when it was written.
    expect(note.occurredAt.getTime()).toBe(note.createdAt.getTime());
    const { items } = await member.lead.timeline({ id: lead.id });
    const status = items[0];
    expect(status?.type === "activity" && status.changes).toEqual({
      status: { from: "new", to: "contacted" },
    });
  });

  it("names the owners an edit moved the lead between, for its from and to", async () => {
    const lead = await owner.lead.create({ name: "Owned" });
    await owner.lead.update({ id: lead.id, ownerMemberId: acme.members.member!.memberId });
    await owner.lead.update({ id: lead.id, ownerMemberId: acme.members.admin!.memberId });
    const { items, memberNames } = await member.lead.timeline({ id: lead.id });
    const moved = items[0];
    expect(moved?.type === "activity" && moved.changes).toEqual({
      ownerMemberId: { from: acme.members.member!.memberId, to: acme.members.admin!.memberId },
    });
    expect(memberNames).toMatchObject({
      [acme.members.member!.memberId]: acme.members.member!.name,
      [acme.members.admin!.memberId]: acme.members.admin!.name,
    });
  });

  it("refuses what does not fit the kind, an empty body and the future, writing nothing", async () => {
    const lead = await owner.lead.create({ name: "Refusals" });
    const base = { leadId: lead.id, body: "Something" };
    expect(
      await refusalOf(member.leadNote.add({ ...base, kind: "call", outcome: "no_show" })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["outcome"] });
    expect(
      await refusalOf(member.leadNote.add({ ...base, kind: "note", outcome: "connected" })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["outcome"] });
    expect(
      await refusalOf(member.leadNote.add({ ...base, kind: "email", durationMinutes: 5 })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["durationMinutes"] });
    expect(
      await refusalOf(member.leadNote.add({ ...base, kind: "meeting", durationMinutes: 0 })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["durationMinutes"] });
    expect(await refusalOf(member.leadNote.add({ ...base, kind: "note", body: "   " }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["body"],
    });
    expect(
      await refusalOf(
        member.leadNote.add({
          ...base,
          kind: "call",
          occurredAt: new Date(Date.now() + 3_600_000),
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["occurredAt"] });
    expect(await timelineOf(member, lead.id)).toEqual(["lead.created"]);
  });

  it("lets only the author edit a note, and records what changed", async () => {
    const lead = await owner.lead.create({ name: "Charles Babbage" });
    const mine = await member.leadNote.add({
      leadId: lead.id,
      kind: "meeting",
      body: "Demo",
      durationMinutes: 30,
      outcome: "held",
    });
    for (const someoneElse of [owner, admin]) {
      const refused = await someoneElse.leadNote
        .update({ id: mine.id, kind: "note", body: "Not what was said" })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({
        code: "FORBIDDEN",
        message: "Only its author can edit this note",
      });
    }
    const edited = await member.leadNote.update({
      id: mine.id,
      kind: "meeting",
      body: "Demo of the difference engine",
      occurredAt: mine.occurredAt,
      durationMinutes: 45,
      outcome: "held",
    });
    expect(edited).toMatchObject({ body: "Demo of the difference engine", durationMinutes: 45 });
    expect(edited.updatedAt.getTime()).toBeGreaterThanOrEqual(edited.createdAt.getTime());
    // Turned into a note, it keeps no outcome or duration.
    const plain = await member.leadNote.update({ id: mine.id, kind: "note", body: "Just a note" });
    expect(plain).toMatchObject({ kind: "note", outcome: null, durationMinutes: null });
    await withTenant(fx.db, asSystem(acme.org.id, "test"), async (scope) => {
      const log = await listActivity(scope, {
        target: { type: "lead_note", id: mine.id },
        limit: 10,
        cursor: null,
      });
      expect(log.items.map((e) => e.action)).toEqual([
        "lead_note.updated",
        "lead_note.updated",
        "lead_note.created",
      ]);
      expect(log.items[1]?.changes).toEqual({
        body: { from: "Demo", to: "Demo of the difference engine" },
        durationMinutes: { from: 30, to: 45 },
      });
      expect(log.items[1]?.actorMemberId).toBe(acme.members.member!.memberId);
    });
  });

  it("lets the author or an admin delete a note, and restore it (Undo)", async () => {
    const lead = await owner.lead.create({ name: "Deletions" });
    const ownersNote = await owner.leadNote.add({
      leadId: lead.id,
      kind: "note",
      body: "Owner's",
      occurredAt: ago(5),
    });
    const membersNote = await member.leadNote.add({
      leadId: lead.id,
      kind: "email",
      body: "Sent the quote",
      occurredAt: ago(10),
    });
    const refused = await member.leadNote.remove({ id: ownersNote.id }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message: "Only its author or an admin can delete this note",
    });
    // The admin tidies a colleague's note away; the member their own.
    await admin.leadNote.remove({ id: ownersNote.id });
    await member.leadNote.remove({ id: membersNote.id });
    expect(await timelineOf(owner, lead.id)).toEqual(["lead.created"]);
    expect(await codeOf(member.leadNote.remove({ id: membersNote.id }))).toBe("NOT_FOUND");
    expect(
      await codeOf(member.leadNote.update({ id: membersNote.id, kind: "note", body: "x" })),
    ).toBe("NOT_FOUND");
    // Undo: only who could delete it; to anyone else a deleted note is not there.
    expect(await codeOf(member.leadNote.restore({ id: ownersNote.id }))).toBe("NOT_FOUND");
    const back = await member.leadNote.restore({ id: membersNote.id });
    expect(back).toMatchObject({ id: membersNote.id, body: "Sent the quote" });
    expect(await codeOf(member.leadNote.restore({ id: membersNote.id }))).toBe("NOT_FOUND");
    await owner.leadNote.restore({ id: ownersNote.id });
    expect(await timelineOf(member, lead.id)).toEqual([
      "lead.created",
      "note: Owner's",
      "email: Sent the quote",
    ]);
  });

  it("hides a deleted lead's notes until the lead is restored", async () => {
    const lead = await owner.lead.create({ name: "Binned" });
    const note = await member.leadNote.add({ leadId: lead.id, kind: "note", body: "Keep me" });
    await owner.lead.remove({ ids: [lead.id] });
    expect(await codeOf(member.leadNote.add({ leadId: lead.id, kind: "note", body: "x" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(member.leadNote.update({ id: note.id, kind: "note", body: "x" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(member.leadNote.remove({ id: note.id }))).toBe("NOT_FOUND");
    await owner.lead.restore({ ids: [lead.id] });
    expect(await timelineOf(member, lead.id)).toContain("note: Keep me");
  });

  it("treats another organization's lead and note ids as not found", async () => {
    const lead = await owner.lead.create({ name: "Acme's secret" });
    const note = await owner.leadNote.add({ leadId: lead.id, kind: "note", body: "Secret" });
    await owner.leadNote.remove({
      id: (await owner.leadNote.add({ leadId: lead.id, kind: "note", body: "Gone" })).id,
    });
    const snoop = await fx.createOrg("snoop");
    const api = await snoop.owner.caller("snoop");
    expect(await codeOf(api.leadNote.add({ leadId: lead.id, kind: "note", body: "x" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(api.leadNote.update({ id: note.id, kind: "note", body: "x" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(api.leadNote.remove({ id: note.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.leadNote.restore({ id: note.id }))).toBe("NOT_FOUND");
    expect(await timelineOf(owner, lead.id)).toEqual(["note: Secret", "lead.created"]);
  });

  it("pages through notes and changes together, each entry once, in order", async () => {
    const lead = await owner.lead.create({ name: "Busy lead" });
    for (let i = 0; i < 4; i++) {
      await member.leadNote.add({ leadId: lead.id, kind: "note", body: `Note ${i}` });
      await owner.lead.update({ id: lead.id, company: `Company ${i}` });
    }
    await member.leadNote.add({
      leadId: lead.id,
      kind: "call",
      body: "Old call",
      occurredAt: ago(600),
    });
    const all = await owner.lead.timeline({ id: lead.id, limit: 100 });
    expect(all.items).toHaveLength(10);
    expect(all.nextCursor).toBeNull();
    const paged: string[] = [];
    let cursor: (typeof all)["nextCursor"] = null;
    do {
      const page = await owner.lead.timeline({ id: lead.id, limit: 3, cursor });
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((e) => e.id));
    const times = all.items.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("tells the lead's viewers, naming the lead", async () => {
    const lead = await owner.lead.create({ name: "Live" });
    const position = await withTenant(fx.db, asSystem(acme.org.id, "test"), async (scope) => {
      const events = await eventsAfter(scope, 0, 10_000);
      return events.at(-1)?.id ?? 0;
    });
    const note = await member.leadNote.add({ leadId: lead.id, kind: "note", body: "Hi" });
    await member.leadNote.update({ id: note.id, kind: "note", body: "Hello" });
    await member.leadNote.remove({ id: note.id });
    await member.leadNote.restore({ id: note.id });
    await withTenant(fx.db, asSystem(acme.org.id, "test"), async (scope) => {
      const events = await eventsAfter(scope, position, 100);
      expect(events.map((e) => [e.kind, e.target])).toEqual(
        ["created", "updated", "deleted", "restored"].map((what) => [
          `lead_note.${what}`,
          { type: "lead", id: lead.id },
        ]),
      );
    });
  });
});
