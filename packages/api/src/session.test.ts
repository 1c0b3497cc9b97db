// Organization procedures validate the session themselves (signed cookie + one query with the
// membership), not through better-auth's getSession: these are the cases that must still hold.
import { eq, session } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifiedSessionToken } from "./context.ts";
import { createCaller } from "./index.ts";
import { type ApiFixture, codeOf, createApiFixture } from "./testing.ts";

let fx: ApiFixture;
let team: Awaited<ReturnType<ApiFixture["createOrg"]>>;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  team = await fx.createOrg("sessions");
});
afterAll(() => fx.drop());

function callerWithCookie(cookie: string) {
  return createCaller(fx.deps, { headers: new Headers({ cookie, "x-guild-org": "sessions" }) });
}

describe("sessions on organization procedures", () => {
  it("accepts the signed cookie better-auth issued", async () => {
    const api = await callerWithCookie(team.owner.cookie);
    expect((await api.organization.current()).slug).toBe("sessions");
  });

  it("refuses a cookie whose token or signature was altered", async () => {
    const [name, value] = team.owner.cookie.split("=", 2);
    const decoded = decodeURIComponent(value ?? "");
    const dot = decoded.lastIndexOf(".");
    const token = decoded.slice(0, dot);
    const signature = decoded.slice(dot + 1);
    const otherToken = `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;
    for (const forged of [
      `${otherToken}.${signature}`,
      `${token}.${signature.slice(0, -2)}AA`,
      token,
    ]) {
      const api = await callerWithCookie(`${name}=${encodeURIComponent(forged)}`);
      expect(await codeOf(api.lead.list({})), forged).toBe("UNAUTHORIZED");
    }
    // Malformed %-escapes are refused, not a 500.
    for (const forged of ["%E0%A4%A", "%"]) {
      const api = await callerWithCookie(`${name}=${forged}`);
      expect(await codeOf(api.lead.list({})), forged).toBe("UNAUTHORIZED");
    }
    // The genuine cookie, whose check is remembered, still works; under another secret it does not.
    expect((await (await callerWithCookie(team.owner.cookie)).lead.list({})).items).toEqual([]);
    const headers = new Headers({ cookie: team.owner.cookie });
    const { secret } = await fx.deps.auth.$context;
    expect(verifiedSessionToken(headers, name ?? "", secret)).toBe(token);
    expect(verifiedSessionToken(headers, name ?? "", `${secret}-rotated`)).toBeNull();
  });

  it("reads only better-auth's own cookie, so every procedure sees the same user", async () => {
    const jar = await fx.createOrg("cookie-jar", ["member"]);
    const member = jar.members.member;
    if (!member) throw new Error("member missing");
    const [, ownerValue] = jar.owner.cookie.split("=", 2);
    // Over http better-auth reads "better-auth.session_token": an owner's token planted under
    // the https name must not make organization calls run as the owner.
    const mixed = await createCaller(fx.deps, {
      headers: new Headers({
        cookie: `__Secure-better-auth.session_token=${ownerValue}; ${member.cookie}`,
        "x-guild-org": "cookie-jar",
      }),
    });
    expect((await mixed.me.session())?.email).toBe(member.email);
    expect((await mixed.organization.current()).membership.role).toBe("member");
  });

  it("stops a revoked or expired session at once", async () => {
    const person = await fx.signUp("Short-lived");
    const org = await (await person.caller()).me.organizations.create({
      name: "Brief",
      slug: "brief",
    });
    expect(org.slug).toBe("brief");
    const api = await person.caller("brief");
    expect((await api.lead.list({})).items).toEqual([]);
    await fx.db
      .update(session)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(session.userId, person.id));
    expect(await codeOf(api.lead.list({}))).toBe("UNAUTHORIZED");
    await fx.db.delete(session).where(eq(session.userId, person.id));
    expect(await codeOf(api.lead.list({}))).toBe("UNAUTHORIZED");
  });
});
