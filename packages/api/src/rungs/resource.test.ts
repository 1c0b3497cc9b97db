// The resource rung, as later domains use it (a space procedure: load the space, ask the policy,
// refuse like a missing id), proven on a router of its own with leads as the resource: only a
// lead's owner may "peek" at it. Real callers, real PostgreSQL, the whole ladder.
import { and, eq, lead, live } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { createContext } from "../context.ts";
import { AppError, notFound } from "../errors.ts";
import { idSchema } from "../schemas/common.ts";
import { type ApiFixture, createApiFixture } from "../testing.ts";
import { createCallerFactory, createTRPCRouter, orgProcedure } from "../trpc.ts";
import { type ResourceRung, resourceRung } from "./resource.ts";

const idInput = z.object({ id: idSchema });
const ownedLead: Omit<
  ResourceRung<{ id: string }, { id: string }, { id: string; name: string; owner: string | null }>,
  "forbidden"
> = {
  input: idInput,
  load: async (scope, input) => {
    const [row] = await scope.db
      .select({ id: lead.id, name: lead.name, owner: lead.ownerMemberId })
      .from(lead)
      .where(and(eq(lead.organizationId, scope.organizationId), eq(lead.id, input.id), live(lead)));
    return row;
  },
  can: (actor, row) => row.owner === actor.memberId,
  missing: () => notFound("Lead"),
};

const router = createTRPCRouter({
  // A private resource: a refusal is indistinguishable from an id that does not exist.
  peek: orgProcedure.concat(resourceRung(ownedLead)).query(({ ctx }) => ctx.resource),
  // A resource the actor may list anyway: the refusal says why.
  poke: orgProcedure
    .concat(
      resourceRung({
        ...ownedLead,
        forbidden: () => new AppError("FORBIDDEN", "Only the lead's owner can do this"),
      }),
    )
    .mutation(({ ctx }) => ctx.resource.id),
});
const callerFactory = createCallerFactory(router);

let fx: ApiFixture;
let org: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let leadId: string;
const missingId = "00000000-0000-4000-8000-000000000000";

async function callerFor(person: { cookie: string }, slug: string) {
  const headers = new Headers({ cookie: person.cookie, "x-guild-org": slug });
  return callerFactory(await createContext(fx.deps, { headers }));
}

const answer = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ ok: value }),
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  org = await fx.createOrg("rungs", ["member"], { crmAccess: true });
  const created = await (await org.owner.caller("rungs")).lead.create({
    name: "Owned by the member",
    ownerMemberId: org.members.member!.memberId,
  });
  leadId = created.id;
});
afterAll(() => fx.drop());

describe("resourceRung", () => {
  it("hands the resource to the procedure when the policy allows", async () => {
    const api = await callerFor(org.members.member!, "rungs");
    expect(await api.peek({ id: leadId })).toEqual({
      id: leadId,
      name: "Owned by the member",
      owner: org.members.member!.memberId,
    });
    expect(await api.poke({ id: leadId })).toBe(leadId);
  });

  it("refuses a private resource exactly as an id that does not exist", async () => {
    const api = await callerFor(org.owner, "rungs");
    const refused = await answer(api.peek({ id: leadId }));
    expect(refused).toEqual({ code: "NOT_FOUND", message: "Lead not found" });
    expect(await answer(api.peek({ id: missingId }))).toEqual(refused);
  });

  it("says why for a resource the actor can see anyway, and NOT_FOUND for a missing id", async () => {
    const api = await callerFor(org.owner, "rungs");
    expect(await answer(api.poke({ id: leadId }))).toEqual({
      code: "FORBIDDEN",
      message: "Only the lead's owner can do this",
    });
    expect(await answer(api.poke({ id: missingId }))).toEqual({
      code: "NOT_FOUND",
      message: "Lead not found",
    });
  });

  it("reads in the tenant scope: another organization's id is missing, not forbidden", async () => {
    const other = await fx.createOrg("rungs-other");
    const api = await callerFor(other.owner, "rungs-other");
    expect(await answer(api.poke({ id: leadId }))).toEqual({
      code: "NOT_FOUND",
      message: "Lead not found",
    });
  });

  it("parses the input before loading: a bad id is BAD_REQUEST", async () => {
    const api = await callerFor(org.members.member!, "rungs");
    expect(await answer(api.peek({ id: "not-a-uuid" }))).toMatchObject({ code: "BAD_REQUEST" });
  });
});
