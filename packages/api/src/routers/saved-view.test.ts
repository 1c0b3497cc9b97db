// Saved views of the leads list through the procedures: a member keeps views for themself or
// shares them; others never see a private one; a shared one is changed by its author or an admin
// only; names are one per author; deleting comes back with Undo; a state the list no longer
// understands opens as the plain list. Cross-organization access is the sweep's (sweep/saved-view.ts).
import { asSystem, savedView, sql, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { purgeSavedViews } from "../services/saved-view.ts";
import { type ApiFixture, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<Awaited<ReturnType<ApiFixture["signUp"]>>["caller"]>>;
let owner: Caller;
let admin: Caller;
let member: Caller;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme-views", ["admin", "member"], { crmAccess: true });
  owner = await acme.owner.caller("acme-views");
  admin = await acme.members.admin!.caller("acme-views");
  member = await acme.members.member!.caller("acme-views");
});
afterAll(() => fx.drop());

const hot = {
  status: ["qualified" as const, "proposal" as const],
  sort: "value" as const,
  order: "desc" as const,
};

describe("leadView", () => {
  it("keeps a private view that only its author lists", async () => {
    const view = await member.leadView.create({
      name: "  My hot deals ",
      state: { ...hot, columns: ["name", "value"] },
    });
    expect(view).toMatchObject({
      name: "My hot deals",
      shared: false,
      mine: true,
      canChange: true,
      state: { ...hot, columns: ["name", "value"] },
      ownerName: acme.members.member!.name,
    });
    expect((await member.leadView.list()).map((v) => v.id)).toContain(view.id);
    // Not the owner's, nor an admin's: a private view is nobody else's business.
    expect((await owner.leadView.list()).map((v) => v.id)).not.toContain(view.id);
    expect(await refusalOf(admin.leadView.update({ id: view.id, name: "Mine now" }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
    expect(await refusalOf(owner.leadView.delete({ id: view.id }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
  });

  it("shares a view with everyone on the list; only its author or an admin changes it", async () => {
    const view = await member.leadView.create({ name: "Team pipeline", state: hot, shared: true });
    const seenByOwner = (await owner.leadView.list()).find((v) => v.id === view.id);
    expect(seenByOwner).toMatchObject({ mine: false, canChange: true, shared: true });
    const otherMember = await fx.addMember(acme.org.id, "member", { crmAccess: true });
    const other = await otherMember.caller("acme-views");
    const seenByOther = (await other.leadView.list()).find((v) => v.id === view.id);
    expect(seenByOther).toMatchObject({ mine: false, canChange: false });
    expect(await refusalOf(other.leadView.update({ id: view.id, shared: false }))).toEqual({
      code: "FORBIDDEN",
      fields: [],
    });
    expect(await refusalOf(other.leadView.delete({ id: view.id }))).toEqual({
      code: "FORBIDDEN",
      fields: [],
    });
    // An admin renames it for the team; the author keeps it.
    const renamed = await admin.leadView.update({ id: view.id, name: "Pipeline (team)" });
    expect(renamed).toMatchObject({ name: "Pipeline (team)", mine: false });
    expect((await member.leadView.list()).find((v) => v.id === view.id)).toMatchObject({
      name: "Pipeline (team)",
      mine: true,
    });
    // Unshared by its author, it leaves the others' lists.
    await member.leadView.update({ id: view.id, shared: false });
    expect((await other.leadView.list()).map((v) => v.id)).not.toContain(view.id);
  });

  it("refuses a second view of the same name from one author, on the name field", async () => {
    await owner.leadView.create({ name: "Won this year", state: { status: ["won"] } });
    expect(await refusalOf(owner.leadView.create({ name: "Won this year", state: {} }))).toEqual({
      code: "CONFLICT",
      fields: ["name"],
    });
    // Another author may use it.
    await expect(
      admin.leadView.create({ name: "Won this year", state: {} }),
    ).resolves.toMatchObject({
      name: "Won this year",
    });
    const other = await owner.leadView.create({ name: "Lost", state: { status: ["lost"] } });
    expect(await refusalOf(owner.leadView.update({ id: other.id, name: "Won this year" }))).toEqual(
      { code: "CONFLICT", fields: ["name"] },
    );
  });

  it("refuses what the list would not take, naming the field", async () => {
    expect(
      await refusalOf(
        owner.leadView.create({
          name: "Bad",
          // @ts-expect-error: not a status the list knows
          state: { status: ["maybe"] },
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", fields: ["state"] });
    expect(await refusalOf(owner.leadView.create({ name: " ", state: {} }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: ["name"],
    });
    expect(await refusalOf(owner.leadView.create({ name: "two\nlines", state: {} }))).toMatchObject(
      { code: "BAD_REQUEST", fields: ["name"] },
    );
  });

  it("deletes a view and brings it back with Undo", async () => {
    const view = await owner.leadView.create({ name: "Undo me", state: hot });
    await owner.leadView.delete({ id: view.id });
    expect((await owner.leadView.list()).map((v) => v.id)).not.toContain(view.id);
    expect(await refusalOf(owner.leadView.delete({ id: view.id }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
    expect(await owner.leadView.restore({ id: view.id })).toMatchObject({ name: "Undo me" });
    expect((await owner.leadView.list()).map((v) => v.id)).toContain(view.id);
    // Restoring what is not deleted is not found, like any other id.
    expect(await refusalOf(owner.leadView.restore({ id: view.id }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
  });

  it("opens a view the list no longer understands as the plain list", async () => {
    const view = await owner.leadView.create({ name: "From an older version", state: hot });
    await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
      scope.db.execute(
        sql`update ${savedView} set state = '{"status":["gone"]}' where id = ${view.id}`,
      ),
    );
    const listed = (await owner.leadView.list()).find((v) => v.id === view.id);
    expect(listed).toMatchObject({ name: "From an older version", state: null });
  });

  it("purges private views whose author left, and keeps their shared ones", async () => {
    const leaving = await fx.addMember(acme.org.id, "member", { crmAccess: true });
    const caller = await leaving.caller("acme-views");
    const secret = await caller.leadView.create({ name: "Just mine", state: {} });
    const shared = await caller.leadView.create({ name: "For all", state: {}, shared: true });
    await owner.member.remove({ id: leaving.memberId });
    await withTenant(fx.db, asSystem(acme.org.id, "test"), purgeSavedViews);
    const ids = (await owner.leadView.list()).map((v) => v.id);
    expect(ids).toContain(shared.id);
    const rows = await fx.db.select({ id: savedView.id }).from(savedView);
    expect(rows.map((r) => r.id)).not.toContain(secret.id);
  });
});
