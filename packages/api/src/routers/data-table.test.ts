import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"]);
});
afterAll(() => fx.drop());

describe("data table preferences", () => {
  it("remember a member's hidden columns, for them alone, wherever they sign in", async () => {
    const api = await acme.owner.caller("acme");
    expect(await api.dataTable.preference({ table: "leads" })).toEqual({
      table: "leads",
      hiddenColumns: [],
    });
    await api.dataTable.setPreference({ table: "leads", hiddenColumns: ["source", "company"] });
    // Repeated and reordered, it is the same choice.
    expect(
      await api.dataTable.setPreference({
        table: "leads",
        hiddenColumns: ["source", "owner", "source"],
      }),
    ).toEqual({ table: "leads", hiddenColumns: ["owner", "source"] });

    // Another session of the same person (another browser) reads it back.
    const elsewhere = await acme.owner.caller("acme");
    expect(await elsewhere.dataTable.preference({ table: "leads" })).toEqual({
      table: "leads",
      hiddenColumns: ["owner", "source"],
    });
    // A colleague's table is their own.
    const colleague = await acme.members.member!.caller("acme");
    expect(await colleague.dataTable.preference({ table: "leads" })).toEqual({
      table: "leads",
      hiddenColumns: [],
    });
    // Showing every column again is a choice too.
    await api.dataTable.setPreference({ table: "leads", hiddenColumns: [] });
    expect((await api.dataTable.preference({ table: "leads" })).hiddenColumns).toEqual([]);
  });

  it("refuses a table or a column that does not exist, and keeps the old choice", async () => {
    const api = await acme.members.member!.caller("acme");
    await api.dataTable.setPreference({ table: "leads", hiddenColumns: ["value"] });
    expect(
      await refusalOf(api.dataTable.setPreference({ table: "leads", hiddenColumns: ["name"] })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["hiddenColumns"] });
    expect(
      await refusalOf(
        // @ts-expect-error a table the app does not have
        api.dataTable.setPreference({ table: "nope", hiddenColumns: [] }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["table"] });
    expect((await api.dataTable.preference({ table: "leads" })).hiddenColumns).toEqual(["value"]);
  });
});
