// ai.status: what the UI says about the model ("local stand-in model"), to members only.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "../index.ts";
import { type ApiFixture, codeOf, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"]);
});
afterAll(() => fx?.drop());

describe("ai.status", () => {
  it("tells a member the local stand-in model answers", async () => {
    const member = await acme.members.member!.caller("acme");
    expect(await member.ai.status()).toEqual({
      enabled: true,
      label: "local stand-in model",
      isStandIn: true,
    });
  });

  it("says AI is off where no model is configured", async () => {
    const headers = new Headers({ cookie: acme.owner.cookie, "x-guild-org": "acme" });
    const owner = await createCaller({ ...fx.deps, ai: null }, { headers });
    expect(await owner.ai.status()).toEqual({ enabled: false, label: null, isStandIn: false });
  });

  it("answers no one outside the organization", async () => {
    expect(await codeOf(fx.anonymous("acme").then((c) => c.ai.status()))).toBe("UNAUTHORIZED");
    const stranger = await fx.signUp("Stranger");
    expect(await codeOf(stranger.caller("acme").then((c) => c.ai.status()))).toBe("NOT_FOUND");
  });
});
