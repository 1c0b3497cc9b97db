// The daily digest through the real job runner: the hourly cron's organization job picks the
// members whose morning it is in their own time zone, and each gets one mail (HTML with a plain
// text part) listing what they have not read, once per day whatever retries or ticks follow; a
// member who turned it off gets none, and nothing goes out before the local hour.
import { asSystem, createTestClock, type TestClock, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  DIGEST_LOCAL_HOUR,
  localDayAndHour,
  queueDueDigests,
} from "../services/notification-digest.ts";
import { type ApiFixture, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<Awaited<ReturnType<ApiFixture["signUp"]>>["caller"]>>;
let owner: Caller;
let reader: Caller;
let quiet: Caller;
const ZONE = "Asia/Tokyo";

const mailsTo = (address: string) => fx.mailer.mailbox?.list(address) ?? [];
const digestsTo = (address: string) =>
  mailsTo(address).filter((m) => m.subject.startsWith("Your daily digest"));

/** A clock at the next instant (by whole hours from now) whose hour in ZONE is `hour`. */
function clockAtLocalHour(hour: number): TestClock {
  const clock = createTestClock();
  for (let i = 0; i < 48 && localDayAndHour(clock.now(), ZONE).hour !== hour; i++)
    clock.advance(3_600_000);
  return clock;
}

async function setZone(caller: Caller) {
  const mine = await caller.profile.mine();
  await caller.profile.update({
    displayName: mine.displayName,
    username: mine.username,
    headline: mine.headline,
    bio: mine.bio,
    timeZone: ZONE,
    language: mine.language,
  });
}

async function queueDigests(clock: TestClock) {
  return withTenant(fx.db, asSystem(acme.org.id, "test", clock), queueDueDigests);
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member", "moderator"], { crmAccess: true });
  owner = await acme.owner.caller("acme");
  reader = await acme.members.member!.caller("acme");
  quiet = await acme.members.moderator!.caller("acme");
  await setZone(reader);
  await setZone(quiet);
  await quiet.notification.setDigest({ daily: false });
  // Their single mails are off: only the digest should mail them.
  for (const caller of [reader, quiet])
    await caller.notification.setPreference({ kind: "lead.assigned", inApp: true, mail: false });
  for (const memberId of [acme.members.member!.memberId, acme.members.moderator!.memberId]) {
    await owner.lead.create({ name: "Ada <b>Lovelace</b>", ownerMemberId: memberId });
    await owner.lead.create({ name: "Grace Hopper", ownerMemberId: memberId });
  }
  await fx.runJobs();
});
afterAll(() => fx?.drop());

describe("daily digest", () => {
  it("is on by default and can be turned off", async () => {
    expect(await reader.notification.digest()).toEqual({ daily: true });
    expect(await quiet.notification.digest()).toEqual({ daily: false });
  });

  it("waits for the member's local morning", async () => {
    const early = clockAtLocalHour(DIGEST_LOCAL_HOUR - 2);
    expect(await queueDigests(early)).toBe(0);
  });

  it("mails the unread notifications once a day, as HTML with a plain-text part", async () => {
    const morning = clockAtLocalHour(DIGEST_LOCAL_HOUR + 1);
    // Only the reader: the quiet member turned the digest off.
    expect(await queueDigests(morning)).toBe(1);
    await fx.runJobs({ clock: morning });
    const [digest, ...others] = digestsTo(acme.members.member!.email);
    expect(others).toHaveLength(0);
    expect(digest?.subject).toBe("Your daily digest: 2 unread notifications in Org acme");
    expect(digest?.text).toContain(`${acme.owner.name} assigned you the lead Ada <b>Lovelace</b>`);
    expect(digest?.text).toContain("/o/acme/leads/");
    // Names are escaped in the HTML part: a lead's name cannot add markup to the mail.
    expect(digest?.html).toContain("Ada &lt;b&gt;Lovelace&lt;/b&gt;");
    expect(digest?.html).not.toContain("<b>Lovelace");
    expect(digest?.html).toContain('href="http://localhost:3999/o/acme/leads/');
    expect(digestsTo(acme.members.moderator!.email)).toHaveLength(0);

    // The next ticks of the same day (and a retried job) send nothing more.
    morning.advance(3_600_000);
    expect(await queueDigests(morning)).toBe(0);
    await withTenant(fx.db, asSystem(acme.org.id, "test", morning), (scope) =>
      scope.enqueue("notification.digest_mail", {
        memberId: acme.members.member!.memberId,
        day: localDayAndHour(morning.now(), ZONE).day,
      }),
    );
    await fx.runJobs({ clock: morning });
    expect(digestsTo(acme.members.member!.email)).toHaveLength(1);
  });

  it("says nothing the next day when everything was read or already in a digest", async () => {
    const nextMorning = clockAtLocalHour(DIGEST_LOCAL_HOUR + 1);
    nextMorning.advance(86_400_000);
    expect(await queueDigests(nextMorning)).toBe(0);
  });
});
