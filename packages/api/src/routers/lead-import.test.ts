// CSV import of leads through the procedures and the real job runner: rows checked on arrival
// (bad ones listed with their row number and reason), skip or import nothing, dedupe by email
// against the organization and within the file, a retried job importing nothing twice, the
// activity log naming the importer, and who may import.
import { and, asSystem, createTestClock, eq, lead, member, sql, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { tenantTask } from "../jobs/define.ts";
import { failingOnLastAttempt } from "../jobs/lead-import.ts";
import { runDueJobs } from "../jobs/runner.ts";
import { eventsAfter } from "../realtime/event-log.ts";
import { guessLeadImportField, LEAD_IMPORT_REASON } from "../schemas/lead-import.ts";
import { listActivity } from "../services/activity.ts";
import {
  importNextLeadBatch,
  LEAD_IMPORT_BATCH,
  LEAD_IMPORT_RETENTION_DAYS,
  purgeOldLeadImports,
} from "../services/lead-import.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<Awaited<ReturnType<ApiFixture["signUp"]>>["caller"]>>;
let owner: Caller;
/** A member granted CRM access. */
let staff: Caller;
/** A moderator without CRM access. */
let moderator: Caller;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"], { crmAccess: true });
  owner = await acme.owner.caller("acme");
  staff = await acme.members.member!.caller("acme");
  moderator = await (await fx.addMember(acme.org.id, "moderator")).caller("acme");
});
afterAll(() => fx.drop());

type Values = Record<string, string>;

/** Uploads rows (numbered from 2, the header being row 1) and starts the import. */
async function importRows(
  caller: Caller,
  rows: Values[],
  badRows: "skip" | "reject" = "skip",
  fileName = "leads.csv",
) {
  const { id } = await caller.leadImport.create({ fileName, totalRows: rows.length, badRows });
  for (let start = 0; start < rows.length; start += 2000)
    await caller.leadImport.addRows({
      id,
      rows: rows
        .slice(start, start + 2000)
        .map((values, i) => ({ rowNumber: start + i + 2, values })),
    });
  return { id, started: await caller.leadImport.start({ id }) };
}

async function leadsNamed(prefix: string) {
  return fx.db
    .select({ id: lead.id, name: lead.name, email: lead.email, status: lead.status })
    .from(lead)
    .where(and(eq(lead.organizationId, acme.org.id), sql`${lead.name} like ${`${prefix}%`}`))
    .orderBy(lead.name);
}

describe("leadImport", () => {
  it("knows columns by the headers CRMs and spreadsheets export", () => {
    const headers = ["Full Name", "First Name", "Last name", "E-mail", "Deal Stage", "Amount", "?"];
    expect(headers.map(guessLeadImportField)).toEqual([
      "name",
      "firstName",
      "lastName",
      "email",
      "status",
      "value",
      null,
    ]);
  });

  it("lists bad rows with their row numbers and reasons, imports the rest, and sums up", async () => {
    const { id, started } = await importRows(staff, [
      { name: "Bad One", email: "ada@", value: "100" },
      { name: "Bad Good Ada", email: "ADA@bad.example", status: "Qualified", value: "$1,200.50" },
      { name: "", email: "nobody@bad.example" },
      { firstName: " Bad", lastName: "Good Alan ", source: "referral", status: "won" },
      { name: "Bad Three", status: "sleeping", value: "-5", phone: "call me" },
    ]);
    expect(started).toMatchObject({ status: "queued", totalRows: 5, invalidRows: 3 });
    const bad = await staff.leadImport.badRows({ id });
    expect(bad.items.map((r) => [r.rowNumber, r.error])).toEqual([
      [2, "Enter a valid email address"],
      [4, "Name is required"],
      [
        6,
        'Status "sleeping" is not one of New, Contacted, Qualified, Proposal, Negotiation, Won, Lost; Enter a valid phone number; The value must be positive (or 0)',
      ],
    ]);
    expect(bad.items[0]?.values).toEqual({ name: "Bad One", email: "ada@", value: "100" });

    await fx.runJobs();
    expect(await staff.leadImport.byId({ id })).toMatchObject({
      status: "done",
      importedRows: 2,
      duplicateRows: 0,
      invalidRows: 3,
      processedRows: 5,
      createdByName: acme.members.member!.name,
    });
    const imported = await leadsNamed("Bad Good");
    expect(imported.map((l) => [l.name, l.email, l.status])).toEqual([
      ["Bad Good Ada", "ada@bad.example", "qualified"],
      ["Bad Good Alan", null, "won"],
    ]);
    const ada = await owner.lead.byId({ id: imported[0]!.id });
    expect(ada).toMatchObject({ valueCents: 120_050, source: "other", ownerMemberId: null });
    // The activity log: created by the member who imported them.
    const history = await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
      listActivity(scope, { target: { type: "lead", id: ada.id }, limit: 10 }),
    );
    expect(history.items).toEqual([
      expect.objectContaining({
        action: "lead.created",
        actorKind: "member",
        actorMemberId: acme.members.member!.memberId,
        actorName: acme.members.member!.name,
        actorReason: LEAD_IMPORT_REASON,
      }),
    ]);
    // And in the lead list, found by search.
    expect((await staff.lead.list({ search: "Bad Good" })).items).toHaveLength(2);
  });

  it("imports nothing when a row is bad and the importer chose so", async () => {
    const { id, started } = await importRows(
      owner,
      [{ name: "Reject Fine" }, { name: "Reject Bad", email: "nope" }],
      "reject",
    );
    expect(started).toMatchObject({ status: "rejected", invalidRows: 1, importedRows: 0 });
    expect(started.finishedAt).toBeInstanceOf(Date);
    await fx.runJobs();
    expect(await leadsNamed("Reject")).toEqual([]);
    expect((await owner.leadImport.byId({ id })).status).toBe("rejected");
    // With no bad row, the same choice imports everything.
    await importRows(owner, [{ name: "Reject Not A" }, { name: "Reject Not B" }], "reject");
    await fx.runJobs();
    expect((await leadsNamed("Reject Not")).map((l) => l.name)).toEqual([
      "Reject Not A",
      "Reject Not B",
    ]);
  });

  it("skips rows whose email a live lead has or an earlier row had, across batches", async () => {
    await owner.lead.create({ name: "Dup Existing", email: "taken@dup.example" });
    const deleted = await owner.lead.create({ name: "Dup Deleted", email: "gone@dup.example" });
    await owner.lead.remove({ ids: [deleted.id] });
    const rows: Values[] = [
      { name: "Dup Taken", email: "Taken@Dup.example" },
      { name: "Dup Gone Again", email: "gone@dup.example" },
      { name: "Dup First", email: "twice@dup.example" },
    ];
    // Past the first batch, the file repeats an email of its first batch.
    for (let i = rows.length; i < LEAD_IMPORT_BATCH + 5; i++)
      rows.push({ name: `Dup Filler ${String(i).padStart(4, "0")}` });
    rows.push({ name: "Dup Second", email: "TWICE@dup.example" });
    const { id } = await importRows(owner, rows);
    await fx.runJobs();
    expect(await owner.leadImport.byId({ id })).toMatchObject({
      status: "done",
      importedRows: rows.length - 2,
      duplicateRows: 2,
      invalidRows: 0,
    });
    const names = (await leadsNamed("Dup")).map((l) => l.name);
    expect(names).toContain("Dup First");
    expect(names).toContain("Dup Gone Again");
    expect(names).not.toContain("Dup Taken");
    expect(names).not.toContain("Dup Second");
    // Importing the same file again imports nothing: every email is there now.
    const again = await importRows(
      owner,
      rows.filter((r) => r.email),
    );
    await fx.runJobs();
    expect(await owner.leadImport.byId({ id: again.id })).toMatchObject({
      importedRows: 0,
      duplicateRows: 4,
    });
  });

  it("goes on after the last committed batch when its job is retried", async () => {
    const rows = Array.from({ length: LEAD_IMPORT_BATCH * 2 + 10 }, (_, i) => ({
      name: `Retry ${String(i).padStart(4, "0")}`,
      email: `retry${i}@retry.example`,
    }));
    const { id } = await importRows(owner, rows);
    // The job's first attempt dies after its first batch committed (a crash, a deploy).
    const crashing = {
      "leadImport.run": tenantTask<"leadImport.run">({
        payload: z.object({ importId: z.uuid() }),
        run: async ({ importId }, { tenant }) => {
          await tenant((scope) => importNextLeadBatch(scope, importId));
          throw new Error("worker died");
        },
      }),
    };
    await runDueJobs(fx.jobDeps, fx.url, crashing);
    expect(await owner.leadImport.byId({ id })).toMatchObject({
      status: "running",
      importedRows: LEAD_IMPORT_BATCH,
      processedRows: LEAD_IMPORT_BATCH,
    });
    // The retry, once its backoff is over, with the real task.
    await fx.sql`update graphile_worker._private_jobs set run_at = now()`;
    await fx.runJobs();
    expect(await owner.leadImport.byId({ id })).toMatchObject({
      status: "done",
      importedRows: rows.length,
      duplicateRows: 0,
    });
    const imported = await leadsNamed("Retry");
    expect(imported).toHaveLength(rows.length);
    expect(new Set(imported.map((l) => l.email)).size).toBe(rows.length);
    // A batch run again after the end changes nothing.
    await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
      importNextLeadBatch(scope, id),
    );
    expect(await leadsNamed("Retry")).toHaveLength(rows.length);
  });

  it("ends as failed when its job fails its last attempt, keeping the batches it imported", async () => {
    const rows = Array.from({ length: LEAD_IMPORT_BATCH * 2 + 3 }, (_, i) => ({
      name: `Doomed ${String(i).padStart(4, "0")}`,
    }));
    const { id } = await importRows(owner, rows);
    // A bug after one batch, on every attempt: two attempts import two batches.
    const doomed = {
      "leadImport.run": tenantTask<"leadImport.run">({
        payload: z.object({ importId: z.uuid() }),
        run: ({ importId }, context) =>
          failingOnLastAttempt(importId, context, async () => {
            await context.tenant((scope) => importNextLeadBatch(scope, importId));
            throw new Error("a bug");
          }),
      }),
    };
    await fx.sql`update graphile_worker._private_jobs set max_attempts = 2`;
    await runDueJobs(fx.jobDeps, fx.url, doomed);
    expect((await owner.leadImport.byId({ id })).status).toBe("running");
    await fx.sql`update graphile_worker._private_jobs set run_at = now()`;
    await runDueJobs(fx.jobDeps, fx.url, doomed);
    const failed = await owner.leadImport.byId({ id });
    expect(failed).toMatchObject({
      status: "failed",
      importedRows: LEAD_IMPORT_BATCH * 2,
      processedRows: LEAD_IMPORT_BATCH * 2,
    });
    expect(failed.finishedAt).toBeInstanceOf(Date);
    expect(await leadsNamed("Doomed")).toHaveLength(LEAD_IMPORT_BATCH * 2);
    await fx.sql`delete from graphile_worker._private_jobs`;
  });

  it("tells the organization's streams how the import goes", async () => {
    const before = await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
      eventsAfter(scope, 0, 100_000),
    );
    const { id } = await importRows(owner, [{ name: "Live One" }]);
    await fx.runJobs();
    const events = await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
      eventsAfter(scope, before.at(-1)?.id ?? 0, 100),
    );
    expect(events.filter((e) => e.target.id === id).map((e) => e.kind)).toEqual([
      "leadImport.updated",
      "leadImport.updated",
      "leadImport.finished",
    ]);
  });

  it("keeps an import's rows to what it was started with, and a resent chunk counts once", async () => {
    const { id } = await owner.leadImport.create({
      fileName: "chunks.csv",
      totalRows: 2,
      badRows: "skip",
    });
    const chunk = { id, rows: [{ rowNumber: 2, values: { name: "Chunk A" } }] };
    await owner.leadImport.addRows(chunk);
    expect(await owner.leadImport.addRows(chunk)).toEqual({ receivedRows: 1, invalidRows: 0 });
    expect(await refusalOf(owner.leadImport.start({ id }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(
      await refusalOf(
        owner.leadImport.addRows({ id, rows: [{ rowNumber: 4, values: { name: "Chunk C" } }] }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["rows"] });
    await owner.leadImport.addRows({ id, rows: [{ rowNumber: 3, values: { name: "Chunk B" } }] });
    expect((await owner.leadImport.start({ id })).status).toBe("queued");
    // Starting twice queues nothing more; a started import takes no more rows.
    expect((await owner.leadImport.start({ id })).status).toBe("queued");
    expect(await codeOf(owner.leadImport.addRows(chunk))).toBe("CONFLICT");
    await fx.runJobs();
    expect((await leadsNamed("Chunk")).map((l) => l.name)).toEqual(["Chunk A", "Chunk B"]);
    // Bad input is refused as such, never as a 500.
    expect(
      await refusalOf(
        owner.leadImport.create({ fileName: "x.csv", totalRows: 0, badRows: "skip" }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["totalRows"] });
    expect(
      await refusalOf(
        owner.leadImport.addRows({
          id,
          rows: [{ rowNumber: 2, values: { notes: "x".repeat(6000) } }],
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is for whoever may create leads: CRM staff, not members without CRM access", async () => {
    expect(
      await refusalOf(
        moderator.leadImport.create({ fileName: "m.csv", totalRows: 1, badRows: "skip" }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
    const { id } = await importRows(staff, [{ name: "Staff Import" }]);
    expect(await codeOf(moderator.leadImport.byId({ id }))).toBe("FORBIDDEN");
    // Another organization's staff cannot see it at all.
    const other = await fx.createOrg("other-import");
    const outsider = await other.owner.caller("other-import");
    expect(await codeOf(outsider.leadImport.byId({ id }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.leadImport.badRows({ id }))).toBe("NOT_FOUND");
    await fx.runJobs();
    expect((await outsider.lead.list({ search: "Staff Import" })).items).toEqual([]);
    expect((await owner.lead.list({ search: "Staff Import" })).items).toHaveLength(1);
  });

  it("forgets finished imports after the retention window, and abandoned uploads after a day", async () => {
    const { id: finished } = await importRows(owner, [{ name: "Kept Lead" }]);
    await fx.runJobs();
    const { id: abandoned } = await owner.leadImport.create({
      fileName: "closed-tab.csv",
      totalRows: 10,
      badRows: "skip",
    });
    const purgeAt = async (days: number) =>
      withTenant(
        fx.db,
        asSystem(acme.org.id, "test", createTestClock(days * 86_400_000)),
        (scope) => purgeOldLeadImports(scope),
      );
    await purgeAt(0.5);
    expect((await owner.leadImport.byId({ id: abandoned })).status).toBe("uploading");
    await purgeAt(1.5);
    expect(await codeOf(owner.leadImport.byId({ id: abandoned }))).toBe("NOT_FOUND");
    expect((await owner.leadImport.byId({ id: finished })).status).toBe("done");
    await purgeAt(LEAD_IMPORT_RETENTION_DAYS + 1);
    expect(await codeOf(owner.leadImport.byId({ id: finished }))).toBe("NOT_FOUND");
    const [left] =
      await fx.sql`select count(*)::int as n from lead_import_row where import_id = ${finished}`;
    expect(left?.n).toBe(0);
    // The leads stay.
    expect(await leadsNamed("Kept Lead")).toHaveLength(1);
  });
  it("gives each lead the owner its Owner column names, by email or name, and lists the rest", async () => {
    const crmMember = acme.members.member!;
    const mod = await fx.addMember(acme.org.id, "moderator");
    const { id, started } = await importRows(staff, [
      { name: "Owned By Email", owner: crmMember.email.toUpperCase() },
      { name: "Owned By Name", owner: ` ${acme.owner.name.toLowerCase()} ` },
      { name: "Owned By Nobody", owner: "" },
      { name: "Owned By Moderator", owner: mod.email },
      { name: "Owned By Ghost", owner: "ghost@nowhere.example" },
    ]);
    // Owners are checked on arrival, as the rest of a row: the bad ones say why.
    expect(started).toMatchObject({ status: "queued", invalidRows: 2 });
    const bad = await staff.leadImport.badRows({ id });
    expect(bad.items.map((r) => [r.rowNumber, r.error])).toEqual([
      [
        5,
        `Owner "${mod.email}" is not a member with CRM access: use a colleague's email or name, or leave it blank`,
      ],
      [
        6,
        'Owner "ghost@nowhere.example" is not a member with CRM access: use a colleague\'s email or name, or leave it blank',
      ],
    ]);
    await fx.runJobs();
    expect(await staff.leadImport.byId({ id })).toMatchObject({ importedRows: 3, invalidRows: 2 });
    const owned = await fx.db
      .select({ name: lead.name, ownerMemberId: lead.ownerMemberId })
      .from(lead)
      .where(and(eq(lead.organizationId, acme.org.id), sql`${lead.name} like 'Owned By%'`))
      .orderBy(lead.name);
    expect(owned).toEqual([
      { name: "Owned By Email", ownerMemberId: crmMember.memberId },
      { name: "Owned By Name", ownerMemberId: acme.owner.memberId },
      { name: "Owned By Nobody", ownerMemberId: null },
    ]);
  });

  it("refuses an owner named by a name two members share, and one of another organization", async () => {
    const twinA = await fx.addMember(acme.org.id, "admin", { name: "Twin Name" });
    const twinB = await fx.addMember(acme.org.id, "member", { name: "Twin Name", crmAccess: true });
    const elsewhere = await fx.createOrg("owner-elsewhere");
    const { id } = await importRows(owner, [
      { name: "Twin Owned", owner: "twin name" },
      { name: "Twin By Email", owner: twinB.email },
      { name: "Foreign Owned", owner: elsewhere.owner.email },
    ]);
    expect((await owner.leadImport.badRows({ id })).items.map((r) => r.error)).toEqual([
      'Owner "twin name" matches 2 members: use their email instead',
      `Owner "${elsewhere.owner.email}" is not a member with CRM access: use a colleague's email or name, or leave it blank`,
    ]);
    // A member who lost CRM access between the upload and the job: the job checks again.
    const { id: late } = await importRows(owner, [{ name: "Late Owned", owner: twinA.email }]);
    await fx.db.update(member).set({ role: "member" }).where(eq(member.id, twinA.memberId));
    await fx.runJobs();
    expect(await owner.leadImport.byId({ id: late })).toMatchObject({
      importedRows: 0,
      invalidRows: 1,
    });
    expect((await owner.leadImport.byId({ id })).importedRows).toBe(1);
  });

  it("lists the organization's imports newest first, page by page, to CRM staff only", async () => {
    const other = await fx.createOrg("other-history");
    const outsider = await other.owner.caller("other-history");
    const { id: theirs } = await importRows(outsider, [{ name: "Theirs" }]);
    const { id: first } = await importRows(owner, [{ name: "History One" }], "skip", "one.csv");
    const { id: second } = await importRows(staff, [{ name: "History Two" }], "skip", "two.csv");
    const page = await owner.leadImport.list({ limit: 1 });
    expect(page.items).toEqual([
      expect.objectContaining({
        id: second,
        fileName: "two.csv",
        status: "queued",
        createdByName: acme.members.member!.name,
        totalRows: 1,
      }),
    ]);
    expect(page.nextCursor).not.toBeNull();
    const next = await owner.leadImport.list({ limit: 1, cursor: page.nextCursor });
    expect(next.items.map((i) => i.id)).toEqual([first]);
    const all = await owner.leadImport.list({ limit: 100 });
    expect(all.items.map((i) => i.id)).not.toContain(theirs);
    expect((await outsider.leadImport.list({})).items.map((i) => i.id)).toEqual([theirs]);
    expect(await codeOf(moderator.leadImport.list({}))).toBe("FORBIDDEN");
    await fx.runJobs();
  });

  it("cancels a running import before its next batch, keeping and counting what it imported", async () => {
    const rows = Array.from({ length: LEAD_IMPORT_BATCH * 2 + 7 }, (_, i) => ({
      name: `Cancel ${String(i).padStart(4, "0")}`,
    }));
    const { id } = await importRows(owner, rows);
    // One batch runs, then a colleague cancels while the job is still going.
    await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
      importNextLeadBatch(scope, id),
    );
    const cancelled = await staff.leadImport.cancel({ id });
    expect(cancelled).toMatchObject({
      status: "cancelled",
      importedRows: LEAD_IMPORT_BATCH,
      processedRows: LEAD_IMPORT_BATCH,
      cancelledByMemberId: acme.members.member!.memberId,
    });
    expect(cancelled.finishedAt).toBeInstanceOf(Date);
    await fx.runJobs();
    expect(await leadsNamed("Cancel ")).toHaveLength(LEAD_IMPORT_BATCH);
    expect((await owner.leadImport.byId({ id })).status).toBe("cancelled");
    // Cancelling again changes nothing; a finished import cannot be cancelled.
    expect((await owner.leadImport.cancel({ id })).status).toBe("cancelled");
    const { id: done } = await importRows(owner, [{ name: "Cancel Too Late" }]);
    await fx.runJobs();
    expect(await refusalOf(owner.leadImport.cancel({ id: done }))).toMatchObject({
      code: "CONFLICT",
    });
    // The activity log says who cancelled it.
    const history = await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
      listActivity(scope, { target: { type: "lead_import", id }, limit: 10 }),
    );
    expect(history.items).toEqual([
      expect.objectContaining({
        action: "leadImport.cancelled",
        actorMemberId: acme.members.member!.memberId,
      }),
    ]);
    // A cancelled upload takes no more rows and never starts.
    const { id: uploading } = await owner.leadImport.create({
      fileName: "stop.csv",
      totalRows: 2,
      badRows: "skip",
    });
    await owner.leadImport.cancel({ id: uploading });
    await expect(
      owner.leadImport.addRows({
        id: uploading,
        rows: [{ rowNumber: 2, values: { name: "Never" } }],
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This import was cancelled: it takes no more rows",
    });
    expect((await owner.leadImport.start({ id: uploading })).status).toBe("cancelled");
    // Only CRM staff of the organization may cancel.
    expect(await codeOf(moderator.leadImport.cancel({ id: uploading }))).toBe("FORBIDDEN");
    const outsider = await (await fx.createOrg("other-cancel")).owner.caller("other-cancel");
    expect(await codeOf(outsider.leadImport.cancel({ id: uploading }))).toBe("NOT_FOUND");
  });

  it("tells an upload whose rows are still arriving from one that stopped", async () => {
    const { id } = await owner.leadImport.create({
      fileName: "elsewhere.csv",
      totalRows: 3,
      badRows: "skip",
    });
    await owner.leadImport.addRows({
      id,
      rows: [{ rowNumber: 2, values: { name: "Elsewhere 2" } }],
    });
    // Another tab of a colleague sees it going, in the import and in the history.
    expect(await staff.leadImport.byId({ id })).toMatchObject({
      status: "uploading",
      uploadInProgress: true,
      receivedRows: 1,
    });
    const listed = async () =>
      (await staff.leadImport.list({ limit: 50 })).items.find((item) => item.id === id);
    expect(await listed()).toMatchObject({ uploadInProgress: true });
    // Nothing more for longer than an upload pauses between chunks: it stopped.
    await fx.sql`update lead_import set updated_at = now() - interval '31 seconds' where id = ${id}`;
    expect(await staff.leadImport.byId({ id })).toMatchObject({
      status: "uploading",
      uploadInProgress: false,
    });
    expect(await listed()).toMatchObject({ uploadInProgress: false });
    // A chunk again: going again.
    await owner.leadImport.addRows({
      id,
      rows: [{ rowNumber: 3, values: { name: "Elsewhere 3" } }],
    });
    expect((await staff.leadImport.byId({ id })).uploadInProgress).toBe(true);
    await owner.leadImport.cancel({ id });
    expect((await staff.leadImport.byId({ id })).uploadInProgress).toBe(false);
  });

  it("finds the caller's stopped upload of the same file, with how far it got", async () => {
    const file = { contentHash: "ab".repeat(32), fileSize: 4096 };
    const mapping = ["name", null, "email", "owner"] as const;
    const { id } = await owner.leadImport.create({
      fileName: "big.csv",
      totalRows: 4,
      badRows: "reject",
      file,
      columnMapping: [...mapping],
    });
    expect(await owner.leadImport.resumable(file)).toMatchObject({
      id,
      receivedThrough: 1,
      receivedRows: 0,
    });
    await owner.leadImport.addRows({
      id,
      rows: [2, 3].map((rowNumber) => ({ rowNumber, values: { name: `Resume ${rowNumber}` } })),
    });
    // A chunk that arrived out of order does not count as the rows before it.
    await owner.leadImport.addRows({
      id,
      rows: [{ rowNumber: 5, values: { name: "Resume 5" } }],
    });
    expect(await owner.leadImport.resumable(file)).toEqual({
      id,
      fileName: "big.csv",
      totalRows: 4,
      receivedRows: 3,
      badRows: "reject",
      columnMapping: [...mapping],
      createdAt: expect.any(Date),
      receivedThrough: 3,
    });
    // Another file, or the same file for someone else, has nothing to continue.
    expect(await owner.leadImport.resumable({ ...file, fileSize: 4097 })).toBeNull();
    expect(await staff.leadImport.resumable(file)).toBeNull();
    const other = await fx.createOrg("other-resume");
    expect(await (await other.owner.caller("other-resume")).leadImport.resumable(file)).toBeNull();
    // Continued to the end and started, it is no longer an upload to continue.
    await owner.leadImport.addRows({
      id,
      rows: [{ rowNumber: 4, values: { name: "Resume 4" } }],
    });
    await owner.leadImport.start({ id });
    expect(await owner.leadImport.resumable(file)).toBeNull();
    await fx.runJobs();
    expect((await leadsNamed("Resume")).map((l) => l.name)).toEqual([
      "Resume 2",
      "Resume 3",
      "Resume 4",
      "Resume 5",
    ]);
    expect(
      await refusalOf(owner.leadImport.resumable({ contentHash: "nope", fileSize: 1 })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["contentHash"] });
    expect(await codeOf(moderator.leadImport.resumable(file))).toBe("FORBIDDEN");
  });
});
