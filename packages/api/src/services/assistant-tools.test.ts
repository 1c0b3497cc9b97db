// The assistant's tools under the sweep's actors: each runs in the asking member's tenant scope,
// so it returns what that member could open on their screens and nothing else: not another
// organization's rows, not a private space they are not in, not the staff-only CRM.
import { type MemberActor, type TenantScope, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../testing.ts";
import { type AssistantToolName, assistantTools } from "./assistant-tools.ts";

let fx: ApiFixture;
let acmeId: string;
let otherId: string;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
const people = {} as Record<"owner" | "crmMember" | "insider" | "outsider", Person>;
let stranger: Person;

const spaceFields = { description: "", icon: "", type: "discussion" as const, section: "" };
const post = (title: string, body: string) => ({
  title,
  body,
  type: "discussion" as const,
  tags: [],
});

function actorOf(person: Person, role: MemberActor["role"], crmAccess = false): MemberActor {
  return { kind: "member", memberId: person.memberId, userId: person.id, role, crmAccess };
}

/** Runs a tool as the member would through the assistant: in their own tenant scope. */
function runAs(organizationId: string, actor: MemberActor, name: AssistantToolName, input = {}) {
  return withTenant(fx.db, { organizationId, actor }, (scope: TenantScope) =>
    assistantTools[name].run(scope, input),
  );
}

const asOwner = () => actorOf(people.owner, "owner");
const asCrmMember = () => actorOf(people.crmMember, "member", true);
const asInsider = () => actorOf(people.insider, "member");
const asOutsider = () => actorOf(people.outsider, "member");

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", [], { plan: "pro" });
  const other = await fx.createOrg("other");
  acmeId = acme.org.id;
  otherId = other.org.id;
  people.owner = { ...acme.owner, memberId: acme.owner.memberId };
  people.crmMember = await fx.addMember(acmeId, "member", { name: "Cara", crmAccess: true });
  people.insider = await fx.addMember(acmeId, "member", { name: "Ines" });
  people.outsider = await fx.addMember(acmeId, "member", { name: "Otto" });
  stranger = { ...other.owner };
  const owner = await acme.owner.caller("acme");
  await owner.lead.create({ name: "Ada Lovelace", company: "Engines", valueCents: 120_000 });
  await owner.lead.create({ name: "Grace Hopper", company: "Compilers", valueCents: 30_000 });
  const won = await owner.lead.create({ name: "Alan Turing", company: "Bletchley" });
  await owner.lead.changeStatus({ id: won.id, status: "won" });
  const open = await owner.space.create({
    ...spaceFields,
    name: "Lobby",
    slug: "lobby",
    visibility: "public",
  });
  const closed = await owner.space.create({
    ...spaceFields,
    name: "Board room",
    slug: "board",
    visibility: "private",
  });
  await owner.space.addMember({ spaceId: closed.id, memberId: people.insider.memberId });
  await owner.post.create({
    ...post("Welcome", "Hello everyone"),
    spaceId: open.id,
    publish: true,
  });
  await owner.post.create({
    ...post("Board secret", "The merger closes Friday"),
    spaceId: closed.id,
    publish: true,
  });
  const theirs = await other.owner.caller("other");
  await theirs.lead.create({ name: "Other's lead", company: "Elsewhere", valueCents: 999_900 });
  const theirSpace = await theirs.space.create({
    ...spaceFields,
    name: "Other lobby",
    slug: "other-lobby",
    visibility: "public",
  });
  await theirs.post.create({
    ...post("Other's post", "Not for acme"),
    spaceId: theirSpace.id,
    publish: true,
  });
});
afterAll(() => fx.drop());

describe("the assistant's tools", () => {
  it("sums the pipeline per stage for staff, as the dashboard's pipeline does", async () => {
    const owner = await people.owner.caller("acme");
    const dashboard = await owner.lead.pipelineSummary();
    const summary = await runAs(acmeId, asCrmMember(), "pipelineSummary");
    expect(summary).toMatchObject({ totalLeads: 3, totalValue: 1500 });
    expect(summary).toHaveProperty(
      "stages",
      dashboard.map((s) => ({ stage: s.status, leads: s.count, value: s.valueCents / 100 })),
    );
  });

  it("gives a member without CRM access no lead data at all, only the reason", async () => {
    for (const name of ["pipelineSummary", "searchLeads"] as const) {
      const answer = await runAs(acmeId, asOutsider(), name, { query: "Ada" });
      expect(answer).toEqual({ unavailable: expect.stringContaining("no access to the CRM") });
    }
  });

  it("finds leads by words as the leads list does, without contact details", async () => {
    const answer = await runAs(acmeId, asCrmMember(), "searchLeads", { query: "ada" });
    expect(answer).toEqual({
      leads: [{ name: "Ada Lovelace", company: "Engines", stage: "new", value: 1200, owner: null }],
      more: false,
    });
    expect(JSON.stringify(answer)).not.toContain("@");
  });

  it("never reaches another organization's rows, whatever the model asks for", async () => {
    const leads = await runAs(acmeId, asOwner(), "searchLeads", { query: "Other" });
    expect(leads).toEqual({ leads: [], more: false });
    const posts = JSON.stringify(await runAs(acmeId, asOwner(), "recentPosts"));
    expect(posts).not.toContain("Other's post");
    // And the other organization's owner, in theirs, sees none of acme's.
    const theirs = JSON.stringify(
      await runAs(otherId, actorOf(stranger, "owner"), "pipelineSummary"),
    );
    expect(theirs).toContain('"totalLeads":1');
    const theirPosts = JSON.stringify(
      await runAs(otherId, actorOf(stranger, "owner"), "recentPosts"),
    );
    expect(theirPosts).not.toContain("Welcome");
  });

  it("shows a private space's posts only to those in it", async () => {
    const seen = async (actor: MemberActor) =>
      JSON.stringify(await runAs(acmeId, actor, "recentPosts"));
    const insider = await seen(asInsider());
    expect(insider).toContain("Board secret");
    expect(insider).toContain("Welcome");
    const outsider = await seen(asOutsider());
    expect(outsider).toContain("Welcome");
    expect(outsider).not.toContain("Board secret");
    expect(outsider).not.toContain("merger");
  });

  it("shows each member the posts of their own home feed, never one moderators hid", async () => {
    const cases = [
      [people.owner, asOwner()],
      [people.insider, asInsider()],
      [people.outsider, asOutsider()],
      [people.crmMember, asCrmMember()],
    ] as const;
    for (const [person, actor] of cases) {
      const feed = await (await person.caller("acme")).post.home({ limit: 10 });
      expect(feed.items.length).toBeGreaterThan(0);
      const told = JSON.stringify(await runAs(acmeId, actor, "recentPosts"));
      for (const item of feed.items) expect(told).toContain(JSON.stringify(item.title));
      expect(told).not.toContain("Hidden spam");
    }
  });

  it("answers courses and events from the member's own view", async () => {
    expect(await runAs(acmeId, asOutsider(), "myCourses")).toEqual({ coursesInProgress: [] });
    expect(await runAs(acmeId, asOutsider(), "upcomingEvents")).toEqual({ events: [] });
  });

  it("tells the model when its input is wrong instead of failing the answer", async () => {
    const answer = await runAs(acmeId, asCrmMember(), "searchLeads", { query: 42 });
    expect(answer).toEqual({ unavailable: expect.stringContaining("Invalid input") });
  });
});
