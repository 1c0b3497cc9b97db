// The front door (issue 11 §2) against real PostgreSQL, the job runner and the Stripe stand-in:
// the public page reveals only what the organization shows the world, and joining follows the
// join policy (open, approval, invitation only), the plan's community member limit, bans, and
// stays one membership however often or concurrently it is asked; a paid tier is bought on the
// stand-in's hosted checkout and its webhook makes the buyer a plain member with the tier.
import {
  and,
  asSystem,
  eq,
  member,
  memberTierState,
  notification,
  post,
  sql,
  user,
  withTenant,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type ApiFixture,
  codeOf,
  createApiFixture,
  payHostedCheckout,
  planRefusalOf,
  refusalOf,
  unpricedTierFields,
} from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<ApiFixture["anonymous"]>>;
let owner: Caller;
let free: { id: string };
let gold: { id: string };

const spaceFields = { description: "", icon: "", type: "discussion" as const, section: "" };

async function membershipOf(organizationId: string, userId: string) {
  return fx.db
    .select({ id: member.id, role: member.role, crmAccess: member.crmAccess })
    .from(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.userId, userId)));
}

async function visitor() {
  const person = await fx.signUp();
  return { ...person, api: await person.caller() };
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["admin", "member"], { plan: "pro" });
  owner = await acme.owner.caller("acme");
  await owner.organization.update({
    description: "A circle of makers.",
    accentColor: "#0F766E",
    timeZone: "Europe/Paris",
    joinPolicy: "open",
  });
  // Connect Stripe on the stand-in (its onboarding page, submitted as a browser would) and sell.
  const { url } = await owner.connect.start();
  await fetch(url, { method: "POST", redirect: "manual" });
  await fx.stripe.settle();
  await owner.connect.sync();
  free = await owner.memberTier.create({ ...unpricedTierFields, name: "Friend" });
  gold = await owner.memberTier.create({
    ...unpricedTierFields,
    name: "Gold",
    description: "Workshops",
    monthlyPrice: 900,
  });
  const hidden = await owner.memberTier.create({ ...unpricedTierFields, name: "Retired tier" });
  await owner.memberTier.archive({ id: hidden.id, archived: true });
  const lobby = await owner.space.create({
    ...spaceFields,
    name: "Lobby",
    slug: "lobby",
    description: "Say hello",
    visibility: "public",
  });
  const secret = await owner.space.create({
    ...spaceFields,
    name: "Secret council",
    slug: "council",
    visibility: "private",
  });
  await owner.space.create({
    ...spaceFields,
    name: "Gold lounge",
    slug: "gold-lounge",
    visibility: "paid",
    tierIds: [gold.id],
  });
  const archived = await owner.space.create({
    ...spaceFields,
    name: "Old attic",
    slug: "attic",
    visibility: "public",
  });
  await owner.space.archive({ id: archived.id, archived: true });
  // Posts as the posts domain writes them: one public, one in the private space, one draft.
  await withTenant(fx.db, asSystem(acme.org.id, "test"), async ({ db }) => {
    const at = new Date();
    await db.insert(post).values([
      {
        organizationId: acme.org.id,
        spaceId: lobby.id,
        title: "Welcome, makers",
        body: "**Bring** your [projects](https://example.com) along.",
        status: "published",
        publishedAt: at,
      },
      {
        organizationId: acme.org.id,
        spaceId: secret.id,
        title: "Council minutes",
        body: "Private matters",
        status: "published",
        publishedAt: at,
      },
      {
        organizationId: acme.org.id,
        spaceId: lobby.id,
        title: "Unfinished draft",
        body: "Not yet",
        status: "draft",
      },
    ]);
  });
});
afterAll(() => fx.drop());

describe("the public page", () => {
  it("shows a visitor the organization's public face and nothing private", async () => {
    const page = await (await fx.anonymous()).publicPage.get({ slug: "ACME" });
    expect(page).toMatchObject({
      name: "Org acme",
      slug: "acme",
      description: "A circle of makers.",
      accentColor: "#0f766e",
      logoUrl: null,
      joinPolicy: "open",
      viewer: null,
      posts: [],
    });
    expect(page.spaces.map((s) => s.name)).toEqual(["Lobby"]);
    expect(page.tiers.map((t) => [t.name, t.monthlyPrice])).toEqual([
      ["Friend", null],
      ["Gold", 900],
    ]);
    const text = JSON.stringify(page);
    for (const secret of [
      "Secret council",
      "Gold lounge",
      "Old attic",
      "Retired tier",
      acme.org.id,
      acme.owner.email,
      acme.owner.memberId,
      "Owner of acme",
      "stripe",
      "price_",
    ])
      expect(text).not.toContain(secret);
  });

  it("lists recent posts of public spaces only when the owner allows it", async () => {
    await owner.organization.update({ showPublicPosts: true });
    const page = await (await fx.anonymous()).publicPage.get({ slug: "acme" });
    expect(page.posts.map((p) => [p.title, p.spaceName, p.excerpt])).toEqual([
      ["Welcome, makers", "Lobby", "Bring your projects along."],
    ]);
    expect(JSON.stringify(page)).not.toContain("Council");
    await owner.organization.update({ showPublicPosts: false });
  });

  it("answers NOT_FOUND for an organization that does not exist", async () => {
    expect(await codeOf((await fx.anonymous()).publicPage.get({ slug: "nowhere" }))).toBe(
      "NOT_FOUND",
    );
  });

  it("tells a signed-in viewer where they stand", async () => {
    const stranger = await visitor();
    expect((await stranger.api.publicPage.get({ slug: "acme" })).viewer).toEqual({
      standing: "none",
    });
    const insider = await acme.members.member!.caller();
    expect((await insider.publicPage.get({ slug: "acme" })).viewer).toEqual({
      standing: "member",
    });
  });
});

describe("organization settings", () => {
  it("refuses a bad colour or time zone on its field and changes nothing", async () => {
    expect(await refusalOf(owner.organization.update({ accentColor: "teal" }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["accentColor"],
    });
    expect(await refusalOf(owner.organization.update({ timeZone: "Mars/Olympus" }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["timeZone"],
    });
    expect(await refusalOf(owner.organization.update({ joinPolicy: "anyone" as "open" }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["joinPolicy"],
    });
    const current = await owner.organization.current();
    expect(current).toMatchObject({ accentColor: "#0f766e", timeZone: "Europe/Paris" });
  });

  it("is for admins: a plain member is refused", async () => {
    const plain = await acme.members.member!.caller("acme");
    expect(await codeOf(plain.organization.update({ description: "Hijacked" }))).toBe("FORBIDDEN");
    expect(
      await codeOf(
        plain.organization.startLogoUpload({ name: "l.png", size: 9, contentType: "image/png" }),
      ),
    ).toBe("FORBIDDEN");
  });
});

describe("joining an open organization", () => {
  it("makes a plain member in one step, with the free tier chosen", async () => {
    const joiner = await visitor();
    expect(await joiner.api.join.join({ slug: "acme", tierId: free.id })).toEqual({
      status: "member",
      slug: "acme",
    });
    const [row] = await membershipOf(acme.org.id, joiner.id);
    expect(row).toMatchObject({ role: "member", crmAccess: false });
    const inside = await joiner.caller("acme");
    expect(await inside.memberTier.mine()).toMatchObject({
      tier: { name: "Friend" },
      source: "free",
    });
    // Joiners are plain members: the CRM stays staff-only.
    expect(await codeOf(inside.lead.list({}))).toBe("FORBIDDEN");
    // Joining again is the same answer and no second anything.
    expect(await joiner.api.join.join({ slug: "acme" })).toMatchObject({ status: "member" });
    expect(await membershipOf(acme.org.id, joiner.id)).toHaveLength(1);
  });

  it("joins without a tier; a paid tier is refused on its field (that is the checkout)", async () => {
    const joiner = await visitor();
    expect(await refusalOf(joiner.api.join.join({ slug: "acme", tierId: gold.id }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["tierId"],
    });
    expect(await membershipOf(acme.org.id, joiner.id)).toHaveLength(0);
    expect(await joiner.api.join.join({ slug: "acme" })).toMatchObject({ status: "member" });
  });

  it("makes one membership of many concurrent joins", async () => {
    const joiner = await visitor();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => joiner.api.join.join({ slug: "acme", tierId: free.id })),
    );
    expect(answers.every((a) => a.status === "member")).toBe(true);
    expect(await membershipOf(acme.org.id, joiner.id)).toHaveLength(1);
  });

  it("refuses a banned person", async () => {
    const joiner = await visitor();
    await fx.db.update(user).set({ banned: true }).where(eq(user.id, joiner.id));
    expect(await codeOf(joiner.api.join.join({ slug: "acme" }))).toBe("FORBIDDEN");
    expect(await membershipOf(acme.org.id, joiner.id)).toHaveLength(0);
  });

  it("answers NOT_FOUND for an organization that does not exist, and UNAUTHORIZED signed out", async () => {
    const joiner = await visitor();
    expect(await codeOf(joiner.api.join.join({ slug: "nowhere" }))).toBe("NOT_FOUND");
    expect(await codeOf((await fx.anonymous()).join.join({ slug: "acme" }))).toBe("UNAUTHORIZED");
  });

  it("stays within the plan's community member limit (Free: 100)", async () => {
    const full = await fx.createOrg("full");
    const fullOwner = await full.owner.caller("full");
    await fullOwner.organization.update({ joinPolicy: "open" });
    // 100 community members, made directly (their people too): the Free plan's allowance.
    await fx.db.execute(sql`
      with people as (
        insert into "user" (id, name, email, email_verified, created_at, updated_at)
        select gen_random_uuid(), 'Filler ' || g, 'filler' || g || '@full.example', true, now(), now()
        from generate_series(1, 100) g
        returning id
      )
      insert into member (organization_id, user_id, role)
      select ${full.org.id}::uuid, id, 'member' from people`);
    const joiner = await visitor();
    const refusal = await planRefusalOf(joiner.api.join.join({ slug: "full" }));
    expect(refusal).toMatchObject({ code: "FORBIDDEN", reason: "PLAN_LIMIT", planLimit: null });
    expect(refusal.message).toContain("member limit");
    expect(await membershipOf(full.org.id, joiner.id)).toHaveLength(0);
    // The paid way in is refused before any checkout, too.
    expect(
      await codeOf(joiner.api.join.checkout({ slug: "full", tierId: gold.id, interval: "month" })),
    ).toBe("FORBIDDEN");
  });
});

describe("joining through a paid tier", () => {
  it("checkout on the stand-in → webhook → a plain member with the tier", async () => {
    const joiner = await visitor();
    const { url } = await joiner.api.join.checkout({
      slug: "acme",
      tierId: gold.id,
      interval: "month",
    });
    expect(url).toContain("/checkout/cs_test_");
    // Not a member while paying.
    expect(await membershipOf(acme.org.id, joiner.id)).toHaveLength(0);
    expect(await payHostedCheckout(url)).toBe("http://localhost:3999/c/acme?checkout=success");
    await fx.stripe.settle();
    const [row] = await membershipOf(acme.org.id, joiner.id);
    expect(row).toMatchObject({ role: "member", crmAccess: false });
    const inside = await joiner.caller("acme");
    expect(await inside.memberTier.mine()).toMatchObject({
      tier: { name: "Gold" },
      source: "stripe",
      active: true,
    });
    expect((await joiner.api.publicPage.get({ slug: "acme" })).viewer).toEqual({
      standing: "member",
    });
    // A member already buys tiers from the tiers page, not the front door.
    expect(
      await codeOf(joiner.api.join.checkout({ slug: "acme", tierId: gold.id, interval: "month" })),
    ).toBe("CONFLICT");
  });

  it("a tier checkout of a member (not a join) admits nobody who has left", async () => {
    const leaver = await fx.addMember(acme.org.id, "member", { name: "Leaver" });
    const api = await leaver.caller("acme");
    const { url } = await api.memberTier.checkout({ tierId: gold.id, interval: "month" });
    await fx.db.delete(member).where(eq(member.id, leaver.memberId));
    await payHostedCheckout(url);
    await fx.stripe.settle();
    expect(await membershipOf(acme.org.id, leaver.id)).toHaveLength(0);
  });

  it("a banned buyer is not admitted when the checkout completes", async () => {
    const joiner = await visitor();
    const { url } = await joiner.api.join.checkout({
      slug: "acme",
      tierId: gold.id,
      interval: "month",
    });
    await fx.db.update(user).set({ banned: true }).where(eq(user.id, joiner.id));
    await payHostedCheckout(url);
    await fx.stripe.settle();
    expect(await membershipOf(acme.org.id, joiner.id)).toHaveLength(0);
    expect(
      await fx.db
        .select({ id: memberTierState.id })
        .from(memberTierState)
        .where(eq(memberTierState.userId, joiner.id)),
    ).toHaveLength(0);
  });
});

describe("approval", () => {
  it("files one request, which admins approve: a plain member, told so", async () => {
    await owner.organization.update({ joinPolicy: "approval" });
    const asker = await visitor();
    expect(await asker.api.join.join({ slug: "acme" })).toEqual({
      status: "pending",
      slug: "acme",
    });
    // Asking again files nothing more.
    await Promise.all([
      asker.api.join.join({ slug: "acme" }),
      asker.api.join.join({ slug: "acme" }),
    ]);
    expect((await asker.api.publicPage.get({ slug: "acme" })).viewer).toEqual({
      standing: "pending",
    });
    expect(await membershipOf(acme.org.id, asker.id)).toHaveLength(0);
    const queue = await owner.joinRequest.list({ status: "pending" });
    const mine = queue.filter((r) => r.email === asker.email);
    expect(mine).toHaveLength(1);
    // Paying is no way around the approval.
    expect(
      await codeOf(asker.api.join.checkout({ slug: "acme", tierId: gold.id, interval: "month" })),
    ).toBe("FORBIDDEN");
    // Plain members do not see the queue.
    const plain = await acme.members.member!.caller("acme");
    expect(await codeOf(plain.joinRequest.list({ status: "pending" }))).toBe("FORBIDDEN");

    const request = mine[0]!;
    await fx.runJobs();
    const adminPerson = acme.members.admin!;
    const adminInbox = await (await adminPerson.caller("acme")).notification.list({});
    expect(JSON.stringify(adminInbox)).toContain(`${asker.name} asks to join`);

    expect(await owner.joinRequest.approve({ id: request.id })).toMatchObject({
      status: "approved",
    });
    const [row] = await membershipOf(acme.org.id, asker.id);
    expect(row).toMatchObject({ role: "member", crmAccess: false });
    expect(await codeOf(owner.joinRequest.approve({ id: request.id }))).toBe("CONFLICT");
    await fx.runJobs();
    const told = await fx.db
      .select({ kind: notification.kind })
      .from(notification)
      .where(and(eq(notification.organizationId, acme.org.id), eq(notification.memberId, row!.id)));
    expect(told.map((n) => n.kind)).toContain("join.approved");
  });

  it("a denied request closes; the person is no member and may ask again", async () => {
    const asker = await visitor();
    await asker.api.join.join({ slug: "acme" });
    const [request] = (await owner.joinRequest.list({ status: "pending" })).filter(
      (r) => r.email === asker.email,
    );
    expect(await owner.joinRequest.deny({ id: request!.id })).toMatchObject({ status: "denied" });
    expect(await membershipOf(acme.org.id, asker.id)).toHaveLength(0);
    expect((await owner.joinRequest.list({ status: "answered" })).map((r) => r.id)).toContain(
      request!.id,
    );
    expect(await asker.api.join.join({ slug: "acme" })).toMatchObject({ status: "pending" });
  });
});

describe("invitation only", () => {
  it("refuses every way in and says so", async () => {
    await owner.organization.update({ joinPolicy: "invitation" });
    const joiner = await visitor();
    expect(await planRefusalOf(joiner.api.join.join({ slug: "acme" }))).toMatchObject({
      code: "FORBIDDEN",
      reason: "JOIN_INVITATION_ONLY",
    });
    expect(
      await codeOf(joiner.api.join.checkout({ slug: "acme", tierId: gold.id, interval: "month" })),
    ).toBe("FORBIDDEN");
    expect(await membershipOf(acme.org.id, joiner.id)).toHaveLength(0);
    expect((await joiner.api.publicPage.get({ slug: "acme" })).joinPolicy).toBe("invitation");
    await owner.organization.update({ joinPolicy: "open" });
  });
});
