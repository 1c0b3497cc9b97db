// CSV import of leads through the procedures and the real job runner: rows checked on arrival
// (bad ones listed with their row number and reason), skip or import nothing, dedupe by email
// against the organization and within the file, a retried job importing nothing twice, the
// activity log naming the importer, and who may import.
import { and, asSystem, createTestClock, eq, lead, sql, withTenant } from "@guild/db";
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
});
