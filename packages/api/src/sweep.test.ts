// The cross-tenant sweep (architecture.md, "The procedure ladder"). It enumerates every
// procedure of the app router itself: a new procedure without an entry in `access` and
// `sampleInput` fails this test until someone decides who may call it and with what.

import { eq, hasRole, type MemberRole, member, memberRoles, user } from "@guild/db";
import { organizationTables } from "@guild/db/tenancy-audit";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "./errors.ts";
import type { createCaller } from "./index.ts";
import { appRouter } from "./root.ts";
import { type Access, type Insider, insiders, type PreparedProcedure } from "./sweep/define.ts";
import { sweepDomains } from "./sweep/index.ts";
import { type ApiFixture, createApiFixture } from "./testing.ts";

/** Who may call each procedure, from every domain's sweep registry (sweep/index.ts). */
const access: Record<string, Access> = Object.assign(
  {},
  ...sweepDomains.map((domain) => domain.access),
);
/** Each procedure's input aimed at the victim's rows, once the seeds have run. */
const prepared: Record<string, PreparedProcedure> = {};

/** The sample input of a procedure, or a failure that says what to add. */
function inputFor(path: string): unknown {
  const procedure = prepared[path];
  if (!procedure)
    throw new Error(`${path} has no sweep entry: add it to its domain's file in src/sweep/`);
  return procedure.input();
}

let fx: ApiFixture;
let victim: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
/** The victim's own people (sweep/define.ts insiders), for the in-organization checks. */
let people: Record<Insider, Person>;
let other: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let victimOrgId: string;
let removed: Awaited<ReturnType<ApiFixture["signUp"]>>;
let outsider: Awaited<ReturnType<ApiFixture["signUp"]>>;
let banned: Awaited<ReturnType<ApiFixture["signUp"]>>;
let suspended: Awaited<ReturnType<ApiFixture["signUp"]>>;

const procedures = Object.keys(appRouter._def.procedures).map((path) => [path] as const);

/** Calls a procedure by its dotted path through a real caller (the whole ladder). */
async function call(
  caller: Awaited<ReturnType<typeof createCaller>>,
  path: string,
  input: unknown,
) {
  const parts = path.split(".");
  let node: unknown = caller;
  for (const part of parts) {
    if ((typeof node !== "object" && typeof node !== "function") || node === null)
      throw new Error(`bad path ${path}`);
    node = Reflect.get(node, part);
  }
  if (typeof node !== "function") throw new Error(`${path} is not callable`);
  return Reflect.apply(node, undefined, [input]);
}

async function outcome(promise: Promise<unknown>): Promise<{ code: string; value?: unknown }> {
  try {
    return { code: "OK", value: await promise };
  } catch (error) {
    if (error && typeof error === "object" && "code" in error && typeof error.code === "string")
      return { code: error.code };
    throw error;
  }
}

type Row = Record<string, unknown>;

/**
 * Every row the victim organization owns: in each table the schema declares as holding an
 * organization's rows (so a new tenant table is covered without editing this file), and its
 * organization row.
 * Read as the app's superuser, past RLS.
 */
async function victimRows(): Promise<Record<string, Row[]>> {
  const rows: Record<string, Row[]> = {};
  for (const table of organizationTables())
    rows[table] = await fx.sql<Row[]>`
      select * from ${fx.sql(table)} as t where t.organization_id = ${victimOrgId} order by t::text`;
  rows.organization = await fx.sql<Row[]>`select * from organization where id = ${victimOrgId}`;
  // When a member was last active (member_profile): any call an insider may make writes it, and
  // it is no change to the organization's data.
  for (const table of Object.values(rows)) for (const row of table) delete row.last_seen_at;
  return rows;
}

/** Everything the victim organization owns, to prove nothing changed. */
async function snapshot() {
  return JSON.stringify(await victimRows());
}

/** Strings that may only ever reach the victim's own members: its id, its rows' ids, a secret. */
let victimSecrets: string[] = [];

function leaks(value: unknown): boolean {
  const text = JSON.stringify(value ?? null);
  return victimSecrets.some((s) => text.includes(s));
}

// The setup makes rows for every domain in three organizations; it grows with each domain and
// took over a minute on a loaded machine: it gets three (a setup hook, not a timed test).
const SETUP_TIMEOUT_MS = 180_000;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  // Business: the victim has more staff than Free's 3 seats, and its insiders invite more.
  victim = await fx.createOrg("victim", ["member", "moderator", "admin"], { plan: "business" });
  other = await fx.createOrg("other");
  victimOrgId = victim.org.id;
  const owner = await victim.owner.caller("victim");
  const peerAdmin = await fx.addMember(victimOrgId, "admin", { name: "Peer admin" });
  const crmMember = await fx.addMember(victimOrgId, "member", { name: "CRM member" });
  await owner.member.setCrmAccess({ id: crmMember.memberId, crmAccess: true });
  people = {
    owner: victim.owner,
    admin: victim.members.admin!,
    peerAdmin,
    moderator: victim.members.moderator!,
    crmMember,
    member: victim.members.member!,
  };
  const memberIds = {
    owner: people.owner.memberId,
    admin: people.admin.memberId,
    peerAdmin: people.peerAdmin.memberId,
    moderator: people.moderator.memberId,
    crmMember: people.crmMember.memberId,
    member: people.member.memberId,
  } satisfies Record<Insider, string>;
  for (const domain of sweepDomains)
    Object.assign(
      prepared,
      await domain.prepare({
        fx,
        organizationId: victim.org.id,
        organizationName: victim.org.name,
        owner,
        memberIds,
      }),
    );
  removed = await fx.signUp("Removed member");
  const [m] = await fx.db
    .insert(member)
    .values({ organizationId: victim.org.id, userId: removed.id, role: "admin" })
    .returning();
  await owner.member.remove({ id: m!.id });
  outsider = await fx.signUp("Outsider");
  banned = await fx.signUp("Banned");
  await fx.db
    .insert(member)
    .values({ organizationId: victim.org.id, userId: banned.id, role: "owner" });
  await fx.db.update(user).set({ banned: true }).where(eq(user.id, banned.id));
  // Banned until tomorrow: the ban's end is read back from PostgreSQL as well.
  suspended = await fx.signUp("Suspended");
  await fx.db
    .insert(member)
    .values({ organizationId: victim.org.id, userId: suspended.id, role: "owner" });
  await fx.db
    .update(user)
    .set({ banned: true, banExpires: new Date(Date.now() + 86_400_000) })
    .where(eq(user.id, suspended.id));
  const owned = Object.values(await victimRows()).flat();
  victimSecrets = [
    victim.org.id,
    // Seeds name the victim's rows "Victim's …".
    "Victim's",
    ...owned.flatMap((row) => (typeof row.id === "string" ? [row.id] : [])),
  ];
}, SETUP_TIMEOUT_MS);
afterAll(() => fx.drop());

describe("cross-tenant sweep", () => {
  it("has victim rows in every tenant table, so a leak from any of them would show", async () => {
    // A new tenant table needs a row for the victim organization in beforeAll (through its
    // router, as a member would create it); without one, nothing here could catch it leaking.
    const empty = Object.entries(await victimRows()).filter(([, rows]) => rows.length === 0);
    expect(empty.map(([table]) => table)).toEqual([]);
  });

  it("knows every procedure of the router", () => {
    const paths = procedures.map(([path]) => path).sort();
    expect(paths.filter((p) => !(p in access))).toEqual([]);
    expect(Object.keys(access).sort()).toEqual(paths);
  });

  it("calls every procedure as a visitor (signed out): public ones leak nothing, the rest are UNAUTHORIZED", async () => {
    const before = await snapshot();
    for (const [path] of procedures) {
      const result = await outcome(call(await fx.anonymous("victim"), path, inputFor(path)));
      if (access[path] === "public") {
        expect(result.code, path).toBe("OK");
        expect(leaks(result.value), path).toBe(false);
      } else expect(result.code, path).toBe("UNAUTHORIZED");
    }
    expect(await snapshot()).toBe(before);
  });

  const strangers = {
    "a user with no membership": () => outsider,
    "a member of another organization": () => other.owner,
    "a removed member": () => removed,
  };
  for (const [who, person] of Object.entries(strangers)) {
    it(`gives ${who} nothing of the organization: NOT_FOUND, no data, no change`, async () => {
      const before = await snapshot();
      for (const [path] of procedures) {
        const level = access[path]!;
        if (level === "public" || level === "authed") continue;
        // platformAdmin: NOT_FOUND too, to anyone who is not a platform admin.
        const result = await outcome(call(await person().caller("victim"), path, inputFor(path)));
        expect(result.code, `${who} → ${path}`).toBe("NOT_FOUND");
      }
      expect(await snapshot()).toBe(before);
    });
  }

  it("gives a member of another organization, in their own organization, nothing by the victim's ids", async () => {
    const before = await snapshot();
    const api = await other.owner.caller("other");
    for (const [path] of procedures) {
      // These act on the caller's own organization whatever the input: nothing to aim elsewhere.
      if (prepared[path]?.ownOrganizationOnly) continue;
      const result = await outcome(call(api, path, inputFor(path)));
      if (result.code === "OK") expect(leaks(result.value), path).toBe(false);
      else
        expect(
          ["NOT_FOUND", "BAD_REQUEST", "CONFLICT", "FORBIDDEN"],
          `${path}: ${result.code}`,
        ).toContain(result.code);
    }
    expect(await snapshot()).toBe(before);
  });

  it("refuses roles below each procedure's minimum with FORBIDDEN and changes nothing", async () => {
    const before = await snapshot();
    // Each role, and for members both with and without CRM access.
    const byRole: Record<MemberRole, Insider[]> = {
      member: ["member", "crmMember"],
      moderator: ["moderator"],
      admin: ["admin"],
      owner: ["owner"],
    };
    let checked = 0;
    for (const [path] of procedures) {
      const level = access[path]!;
      if (level === "public" || level === "authed") continue;
      if (level === "platformAdmin") continue; // no role reaches it: the next test
      for (const role of memberRoles) {
        if (hasRole(role, level)) continue;
        for (const who of byRole[role]) {
          const result = await outcome(
            call(await people[who].caller("victim"), path, inputFor(path)),
          );
          expect(result.code, `${who} → ${path}`).toBe("FORBIDDEN");
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(await snapshot()).toBe(before);
  });

  it("hides the platform admin console from every role of the organization: NOT_FOUND, no change", async () => {
    const before = await snapshot();
    const consoleProcedures = procedures.filter(([path]) => access[path] === "platformAdmin");
    expect(consoleProcedures.length).toBeGreaterThan(5);
    for (const [path] of consoleProcedures)
      for (const who of insiders) {
        const result = await outcome(
          call(await people[who].caller("victim"), path, inputFor(path)),
        );
        expect(result.code, `${who} → ${path}`).toBe("NOT_FOUND");
      }
    expect(await snapshot()).toBe(before);
  });

  it("refuses a banned user everywhere a session is needed, for good or until the ban ends", async () => {
    for (const person of [banned, suspended]) {
      for (const [path] of procedures) {
        if (access[path] === "public") continue;
        const result = await outcome(call(await person.caller("victim"), path, inputFor(path)));
        expect(result.code, `${person.name}: ${path}`).toBe("FORBIDDEN");
      }
    }
  });

  it("names no organization → BAD_REQUEST for organization procedures", async () => {
    const result = await outcome((await victim.owner.caller()).lead.list({}));
    expect(result.code).toBe("BAD_REQUEST");
  });
});

/** A call's answer as its caller sees it: the value, or the refusal's code, message and reason. */
async function answerOf(promise: Promise<unknown>) {
  try {
    return { code: "OK", value: await promise };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause: unknown = error.cause;
    const reason = cause instanceof AppError ? (cause.reason ?? null) : null;
    return { code: error.code, message: error.message, reason };
  }
}

/** Every in-organization right a procedure declares, with the procedure's path. */
function rights() {
  return Object.entries(prepared).flatMap(([path, p]) =>
    p.requires.map((right) => ({ path, right })),
  );
}

describe("in-organization sweep", () => {
  it("has every lead procedure require CRM access (the CRM is staff-only)", () => {
    const leadProcedures = procedures.map(([path]) => path).filter((p) => p.startsWith("lead."));
    expect(leadProcedures.length).toBeGreaterThan(5);
    for (const path of leadProcedures)
      expect(
        prepared[path]?.requires.map((r) => r.right),
        `${path} must declare the CRM access right`,
      ).toContain("CRM access");
  });

  it("refuses every insider who lacks a right as the right declares: nothing learned, nothing changed", async () => {
    const before = await snapshot();
    let checked = 0;
    for (const { path, right } of rights()) {
      for (const who of right.lacking) {
        const api = await people[who].caller("victim");
        const label = `${who} without "${right.right}" → ${path}`;
        const refused = await answerOf(call(api, path, right.input()));
        const missing = await answerOf(call(api, path, right.missing()));
        expect(leaks(refused), label).toBe(false);
        const { refusal } = right;
        if (refusal.kind === "visible") {
          // Existence is no secret: the insider may list the row. So the refusal says why.
          expect(refused.code, label).toBe("FORBIDDEN");
          expect(missing.code, `${label} (missing id)`).toBe("NOT_FOUND");
          const listed = await call(api, refusal.through.path, refusal.through.input);
          expect(refusal.shows(listed), `${label}: ${refusal.through.path} shows it`).toBe(true);
        } else {
          // The same answer, code, message and reason, as for an id that exists nowhere.
          expect(refused.code, label).toBe(refusal.kind === "hidden" ? "NOT_FOUND" : "FORBIDDEN");
          if (refusal.kind === "capability" && refusal.reason)
            expect(refused.reason, label).toBe(refusal.reason);
          expect(missing, `${label}: same answer as a missing id`).toEqual(refused);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(await snapshot()).toBe(before);
  });

  // Last: the holders' calls succeed, and so change the victim's rows.
  it("lets each right's holder make the same call: the refusal is the right's", async () => {
    for (const { path, right } of rights()) {
      if (!right.holder) continue;
      const api = await people[right.holder].caller("victim");
      const result = await answerOf(call(api, path, right.input()));
      expect(
        result.code,
        `${right.holder} with "${right.right}" → ${path}: ${result.message}`,
      ).toBe("OK");
    }
  });
});
