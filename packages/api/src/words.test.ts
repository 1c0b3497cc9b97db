// Issue 9, section 5: refusals say what happened and what to do, in the app's own words, whoever
// the client is (the web's forms check first, but a hand-written client gets the same sentence).
import { PASSWORD_TOO_SHORT } from "@guild/auth";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { VALUE_MUST_BE_POSITIVE } from "./schemas/lead.ts";
import { type ApiFixture, createApiFixture } from "./testing.ts";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

/** The field messages of a refused call, as the form shows them. */
async function fieldMessages(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError) || !(error.cause instanceof z.ZodError)) throw error;
  return z.flattenError(error.cause).fieldErrors;
}

/** better-auth's answer over HTTP, as the web client reads it. */
async function authPost(path: string, body: unknown) {
  const response = await fx.auth.handler(
    new Request(`${fx.deps.appUrl}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: fx.deps.appUrl },
      body: JSON.stringify(body),
    }),
  );
  const answer: unknown = await response.json();
  return { status: response.status, body: answer };
}

describe("words", () => {
  it("a negative lead value says it must be positive", async () => {
    const org = await fx.createOrg("words");
    const api = await org.owner.caller("words");
    expect(await fieldMessages(api.lead.create({ name: "Minus", valueCents: -500 }))).toEqual({
      valueCents: [VALUE_MUST_BE_POSITIVE],
    });
    const lead = await api.lead.create({ name: "Plus", valueCents: 500 });
    expect(await fieldMessages(api.lead.update({ id: lead.id, valueCents: -1 }))).toEqual({
      valueCents: [VALUE_MUST_BE_POSITIVE],
    });
  });

  it("a short password gets the app's sentence, not better-auth's, at sign-up and reset", async () => {
    const signUp = await authPost("/sign-up/email", {
      name: "Shorty",
      email: "shorty@test.example",
      password: "abc",
    });
    expect(signUp).toEqual({
      status: 400,
      body: { code: "PASSWORD_TOO_SHORT", message: PASSWORD_TOO_SHORT },
    });
    const reset = await authPost("/reset-password", { token: "whatever", newPassword: "abc" });
    expect(reset).toEqual({
      status: 400,
      body: { code: "PASSWORD_TOO_SHORT", message: PASSWORD_TOO_SHORT },
    });
    expect(PASSWORD_TOO_SHORT).toBe("Use at least 8 characters for the password.");
  });
});
