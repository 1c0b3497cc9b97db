// The event stream through the whole procedure ladder (createCaller), on a real database with a
// real LISTEN connection: what a member hears, from where, and when they stop hearing.
import { asSystem, createTestClock, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture } from "../testing.ts";
import { EVENT_RETENTION_DAYS, pruneEvents, publish } from "./event-log.ts";
import type { StreamEvent } from "./stream.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let other: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  // The default periodic re-check (30 s) never fires here: every event below arrives by NOTIFY.
  fx = await createApiFixture(inject("pgAdminUrl"));
  // The member works the CRM (lead events are for its staff): an admin granted them access.
  // On Pro: a CRM grant below makes a 4th staff member, more than Free's 3 seats.
  acme = await fx.createOrg("acme", ["member", "admin"], { crmAccess: true, plan: "pro" });
  other = await fx.createOrg("other");
});
afterAll(() => fx.drop());

type Person = {
  caller: (slug?: string, signal?: AbortSignal) => ReturnType<ApiFixture["anonymous"]>;
};

/** Opens a member's stream; `next()` gives the next value or fails after `ms`. */
async function subscribe(person: Person, slug: string, input: { lastEventId?: string } = {}) {
  const abort = new AbortController();
  const api = await person.caller(slug, abort.signal);
  const iterable = await api.realtime.events(input);
  const iterator = iterable[Symbol.asyncIterator]();
  return {
    async next(ms = 5_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
      });
      try {
        const result = await Promise.race([iterator.next(), timeout]);
        if (result.done) throw new Error("the stream ended");
        // tRPC types a caller's values as { id, data } (what clients get); a server-side caller
        // actually yields tracked()'s envelope.
        const [id, data] = result.value as unknown as [string, StreamEvent];
        return { id, data };
      } finally {
        clearTimeout(timer);
      }
    },
    /** What the iterator does next: an event, the end, or an error code. */
    async outcome(ms = 5_000) {
      try {
        return (await this.next(ms)).data.kind;
      } catch (error) {
        if (error instanceof Error && error.message === "the stream ended") return "ended";
        return await codeOf(Promise.reject(error));
      }
    },
    close() {
      abort.abort();
    },
  };
}

describe("realtime.events", () => {
  it("starts with ready at the head, then tells a colleague's changes in id order", async () => {
    const stream = await subscribe(acme.members.member!, "acme");
    const ready = await stream.next();
    expect(ready.data).toEqual({ kind: "ready" });
    const owner = await acme.owner.caller("acme");
    const lead = await owner.lead.create({ name: "Live lead" });
    await owner.lead.update({ id: lead.id, company: "Acme Ltd" });
    await owner.lead.changeStatus({ id: lead.id, status: "contacted" });
    const events = [await stream.next(), await stream.next(), await stream.next()];
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ kind: "lead.created", target: { type: "lead", id: lead.id } }),
      expect.objectContaining({ kind: "lead.updated", target: { type: "lead", id: lead.id } }),
      expect.objectContaining({ kind: "lead.status_changed" }),
    ]);
    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual([Number(ready.id) + 1, Number(ready.id) + 2, Number(ready.id) + 3]);
    const created = events[0]!.data;
    expect("actorMemberId" in created && created.actorMemberId).toBe(acme.owner.memberId);
    expect("at" in created && created.at).toBeInstanceOf(Date);
    // Heard as they happened: not replays (a typing indicator shows them).
    expect(events.map((e) => "replayed" in e.data && e.data.replayed)).toEqual([
      false,
      false,
      false,
    ]);
    stream.close();
  });

  it("resumes after lastEventId with every later event exactly once", async () => {
    const first = await subscribe(acme.owner, "acme");
    const { id: start } = await first.next();
    first.close();
    const owner = await acme.owner.caller("acme");
    const written: string[] = [];
    for (let i = 0; i < 5; i++) written.push((await owner.lead.create({ name: `Missed ${i}` })).id);
    const resumed = await subscribe(acme.owner, "acme", { lastEventId: start });
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(await resumed.next());
    expect(seen.map((e) => Number(e.id))).toEqual([1, 2, 3, 4, 5].map((n) => Number(start) + n));
    expect(seen.map((e) => "target" in e.data && e.data.target.id)).toEqual(written);
    // Marked as replays (news for the screens, but not happening now), by position in the log:
    // the browser's clock may be far off the server's. What happens after the catch-up is not.
    expect(seen.every((e) => "replayed" in e.data && e.data.replayed)).toBe(true);
    const later = await owner.lead.create({ name: "Heard live" });
    const live = await resumed.next();
    expect(live.data).toMatchObject({ target: { id: later.id }, replayed: false });
    // Nothing more, and no ready or resync when resuming.
    await expect(resumed.next(400)).rejects.toThrow(/no event/);
    resumed.close();
  });

  it("gives writers of one organization ids in commit order: concurrent writers lose no event", async () => {
    const stream = await subscribe(acme.members.admin!, "acme");
    const { id: start } = await stream.next();
    const callers = await Promise.all(
      [acme.owner, acme.members.admin!, acme.members.member!].map((p) => p.caller("acme")),
    );
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) => callers[i % 3]!.lead.create({ name: `Racer ${i}` })),
    );
    const seen = [];
    for (let i = 0; i < created.length; i++) seen.push(await stream.next());
    expect(seen.map((e) => Number(e.id))).toEqual(created.map((_, i) => Number(start) + i + 1));
    expect(new Set(seen.map((e) => "target" in e.data && e.data.target.id))).toEqual(
      new Set(created.map((l) => l.id)),
    );
    stream.close();
  });

  it("tells an organization's streams nothing of another organization", async () => {
    const acmeStream = await subscribe(acme.owner, "acme");
    await acmeStream.next();
    await (await other.owner.caller("other")).lead.create({ name: "Elsewhere" });
    const mine = await (await acme.owner.caller("acme")).lead.create({ name: "Mine" });
    const next = await acmeStream.next();
    expect("target" in next.data && next.data.target.id).toBe(mine.id);
    acmeStream.close();
  });

  it("refuses strangers at subscribe: no session, no membership, another organization", async () => {
    expect(await codeOf((await fx.anonymous("acme")).realtime.events({}))).toBe("UNAUTHORIZED");
    const outsider = await fx.signUp("Outsider");
    expect(await codeOf((await outsider.caller("acme")).realtime.events({}))).toBe("NOT_FOUND");
    expect(await codeOf((await other.owner.caller("acme")).realtime.events({}))).toBe("NOT_FOUND");
    expect(await codeOf((await acme.owner.caller()).realtime.events({}))).toBe("BAD_REQUEST");
    expect(
      await codeOf((await acme.owner.caller("acme")).realtime.events({ lastEventId: "-1" })),
    ).toBe("BAD_REQUEST");
  });

  it("ends a member's stream when they are removed: no event after the removal reaches them", async () => {
    const person = await fx.signUp("Soon removed");
    const owner = await acme.owner.caller("acme");
    await owner.invitation.create({ email: person.email, role: "member" });
    const [invitation] = await (await person.caller()).me.invitations.list();
    await (await person.caller()).me.invitations.accept({ id: invitation!.id });
    const members = await owner.member.list({ search: "Soon removed" });
    const memberId = members.items.find((m) => m.name === "Soon removed")!.id;

    const stream = await subscribe(person, "acme");
    await stream.next();
    await owner.member.remove({ id: memberId });
    await owner.lead.create({ name: "After the removal" });
    // The batch holding member.removed is read with the membership checked again: it ends.
    expect(await stream.outcome()).toBe("NOT_FOUND");
  });

  it("answers resync when the position is gone: pruned, or ahead of the log", async () => {
    const clock = createTestClock();
    const orgId = acme.org.id;
    const owner = await acme.owner.caller("acme");
    const head = await subscribe(acme.owner, "acme");
    const { id: start } = await head.next();
    head.close();
    await owner.lead.create({ name: "Soon pruned" });
    clock.advance((EVENT_RETENTION_DAYS + 1) * 86_400_000);
    await withTenant(fx.db, asSystem(orgId, "test", clock), pruneEvents);
    const stale = await subscribe(acme.owner, "acme", { lastEventId: start });
    expect((await stale.next()).data).toEqual({ kind: "resync" });
    stale.close();
    const ahead = await subscribe(acme.owner, "acme", { lastEventId: "999999999" });
    expect((await ahead.next()).data).toEqual({ kind: "resync" });
    ahead.close();
    const [row] = await fx.sql<{ count: string }[]>`
      select count(*) from org_event where organization_id = ${orgId}`;
    expect(Number(row?.count)).toBe(0);
  });

  it("tells lead events only to the CRM's staff, following a grant and a revocation live", async () => {
    const person = await fx.addMember(acme.org.id, "member", { name: "Not staff yet" });
    const owner = await acme.owner.caller("acme");
    // An event every member hears, after which anything unheard before it is known to be skipped.
    const colleague = acme.members.member!.memberId;
    const barrier = () => owner.member.setCrmAccess({ id: colleague, crmAccess: true });
    const next = async () => {
      const { data } = await stream.next();
      return "target" in data ? `${data.kind} ${data.target.id}` : data.kind;
    };
    const stream = await subscribe(person, "acme");
    expect(await next()).toBe("ready");
    await owner.lead.create({ name: "Unheard" });
    await barrier();
    expect(await next()).toBe(`member.updated ${colleague}`);
    // The grant, then lead events, read with the new grant at once.
    await owner.member.setCrmAccess({ id: person.memberId, crmAccess: true });
    expect(await next()).toBe(`member.updated ${person.memberId}`);
    const heard = await owner.lead.create({ name: "Heard" });
    expect(await next()).toBe(`lead.created ${heard.id}`);
    // Revoked: lead events stop.
    await owner.member.setCrmAccess({ id: person.memberId, crmAccess: false });
    expect(await next()).toBe(`member.updated ${person.memberId}`);
    await owner.lead.create({ name: "Unheard again" });
    await barrier();
    expect(await next()).toBe(`member.updated ${colleague}`);
    stream.close();
  });

  it("never sends a kind no domain declares, nor an event meant for another member", async () => {
    const stream = await subscribe(acme.members.member!, "acme");
    await stream.next();
    const lead = await (await acme.owner.caller("acme")).lead.create({ name: "Audience" });
    await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
      publish(scope, [
        // What a service could write by mistake: a kind no domain declares…
        { kind: "lead.secret" as never, target: { type: "lead", id: lead.id } },
        // …and an event for someone else only.
        {
          kind: "lead.updated",
          target: { type: "lead", id: lead.id },
          audienceMemberId: acme.members.admin!.memberId,
        },
        { kind: "lead.updated", target: { type: "lead", id: lead.id } },
      ]),
    );
    const created = await stream.next();
    expect(created.data.kind).toBe("lead.created");
    const next = await stream.next();
    expect(next.data.kind).toBe("lead.updated");
    // The two skipped events still moved the position: the id is the third one's.
    expect(Number(next.id)).toBe(Number(created.id) + 3);
    await expect(stream.next(400)).rejects.toThrow(/no event/);
    stream.close();
  });

  it("tells only the recipient of a notification, and only their streams of its reading", async () => {
    const recipient = await subscribe(acme.members.member!, "acme");
    const colleague = await subscribe(acme.members.admin!, "acme");
    await recipient.next();
    await colleague.next();
    await (await acme.owner.caller("acme")).lead.create({
      name: "Assigned live",
      ownerMemberId: acme.members.member!.memberId,
    });
    await fx.runJobs();
    expect((await recipient.next()).data.kind).toBe("lead.created");
    const created = await recipient.next();
    expect(created.data).toMatchObject({ kind: "notification.created", actorMemberId: null });
    expect((await colleague.next()).data.kind).toBe("lead.created");
    const member = await acme.members.member!.caller("acme");
    const [mine] = (await member.notification.list({})).items;
    await member.notification.markRead({ id: mine!.id });
    expect((await recipient.next()).data).toMatchObject({
      kind: "notification.read",
      target: { type: "notification", id: mine!.id },
    });
    await expect(colleague.next(500)).rejects.toThrow(/no event/);
    recipient.close();
    colleague.close();
  });

  it("ends a banned user's open streams at once, not at the 30 s re-check; others' stay open", async () => {
    const admin = await fx.signUp("Banning admin");
    await fx.sql`update "user" set role = 'admin' where id = ${admin.id}`;
    const banned = await fx.createOrg("banned-org", ["member"]);
    const person = banned.members.member!;
    const doomed = await subscribe(person, "banned-org");
    await doomed.next();
    // The same user in a second tab, and a colleague who stays.
    const doomedToo = await subscribe(person, "banned-org");
    await doomedToo.next();
    const colleague = await subscribe(banned.owner, "banned-org");
    await colleague.next();

    const startedAt = performance.now();
    await (await admin.caller()).admin.users.ban({ userId: person.id, reason: "Spam" });
    expect(await doomed.outcome(2_000)).toBe("UNAUTHORIZED");
    expect(await doomedToo.outcome(2_000)).toBe("UNAUTHORIZED");
    expect(performance.now() - startedAt).toBeLessThan(2_000);

    const lead = await (await banned.owner.caller("banned-org")).lead.create({
      name: "Still live",
    });
    const next = await colleague.next();
    expect("target" in next.data && next.data.target.id).toBe(lead.id);
    colleague.close();
  });

  it("keeps listening after its LISTEN connection is cut", async () => {
    const stream = await subscribe(acme.owner, "acme");
    await stream.next();
    const cut = await fx.sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and query ilike 'listen%'`;
    expect(cut.length).toBeGreaterThan(0);
    const lead = await (await acme.owner.caller("acme")).lead.create({ name: "After the cut" });
    const next = await stream.next(8_000);
    expect("target" in next.data && next.data.target.id).toBe(lead.id);
    stream.close();
  });
});

describe("realtime.events with a short periodic re-check", () => {
  let quick: ApiFixture;
  let org: Awaited<ReturnType<ApiFixture["createOrg"]>>;
  beforeAll(async () => {
    quick = await createApiFixture(inject("pgAdminUrl"), {
      recheckIntervalMs: 300,
      membershipTtlMs: 300,
    });
    org = await quick.createOrg("quick");
  });
  afterAll(() => quick.drop());

  it("ends an idle stream on the periodic re-check once the session is gone", async () => {
    const person = await quick.signUp("Signing out");
    const owner = await org.owner.caller("quick");
    await owner.invitation.create({ email: person.email, role: "member" });
    const [invitation] = await (await person.caller()).me.invitations.list();
    await (await person.caller()).me.invitations.accept({ id: invitation!.id });
    const stream = await subscribe(person, "quick");
    await stream.next();
    await quick.sql`delete from session where user_id = ${person.id}`;
    // No event at all: the re-check every 300 ms notices.
    expect(await stream.outcome(3_000)).toBe("UNAUTHORIZED");
  });

  it("stops sending once the session is gone, while events keep coming", async () => {
    const person = await quick.signUp("Revoked while busy");
    const owner = await org.owner.caller("quick");
    await owner.invitation.create({ email: person.email, role: "member" });
    const [invitation] = await (await person.caller()).me.invitations.list();
    await (await person.caller()).me.invitations.accept({ id: invitation!.id });
    const stream = await subscribe(person, "quick");
    await stream.next();
    await quick.sql`delete from session where user_id = ${person.id}`;
    await new Promise((resolve) => setTimeout(resolve, 350));
    await owner.lead.create({ name: "Not for a signed-out member" });
    // Past the membership's time to live: checked again before the event is sent.
    expect(await stream.outcome(3_000)).toBe("UNAUTHORIZED");
  });
});
