// studio.generate through the real AI SDK against the model stand-in (over HTTP), on a real
// database: the text streams token by token into a saved draft of at most 500 characters for 1
// credit; stopping in the middle stops the provider call and gives the credit back; provider
// faults give it back and end in typed errors; a balance of 1 makes exactly one of two
// concurrent generations.
import { randomUUID } from "node:crypto";
import { and, asSystem, eq, studioPost, withTenant } from "@guild/db";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AppError } from "../errors.ts";
import { spendCredits } from "../services/credit.ts";
import { settleAbandonedGenerations } from "../services/studio-generate.ts";
import { type ApiFixture, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
let orgId = "";
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  orgId = (await fx.createOrg("gen-acme")).org.id;
});
afterAll(() => fx.drop());

/** A new member: 10 credits (the sign-up bonus). */
const newMember = () => fx.addMember(orgId, "member");

const brief = (topic: string) => ({
  topic,
  tone: "friendly" as const,
  platform: "linkedin" as const,
  length: "medium" as const,
  idempotencyKey: randomUUID(),
});

type GenerationEvent =
  | { type: "started"; postId: string; balanceAfter: number; model: string }
  | { type: "delta"; text: string }
  | { type: "done"; post: { id: string; body: string } };

/** Runs a generation to its end (or its error); `onEvent` may stop it through `abort`. */
async function generate(
  person: Person,
  input: ReturnType<typeof brief>,
  onEvent?: (event: GenerationEvent, abort: () => void) => void,
) {
  const controller = new AbortController();
  const caller = await person.caller("gen-acme", controller.signal);
  const events: GenerationEvent[] = [];
  try {
    for await (const event of await caller.studio.generate(input)) {
      events.push(event);
      onEvent?.(event, () => controller.abort());
    }
    return { events, error: null };
  } catch (error) {
    const trpc = error as TRPCError;
    const cause = trpc.cause as AppError | undefined;
    return { events, error: { code: trpc.code, reason: cause?.reason, message: trpc.message } };
  }
}

const textOf = (events: GenerationEvent[]) =>
  events.map((e) => (e.type === "delta" ? e.text : "")).join("");

async function balanceOf(person: Person) {
  return (await (await person.caller("gen-acme")).credit.balance({})).balance;
}

async function draftsOf(person: Person) {
  return withTenant(fx.db, asSystem(orgId, "test"), (scope) =>
    scope.db
      .select({ id: studioPost.id, body: studioPost.body })
      .from(studioPost)
      .where(and(eq(studioPost.organizationId, orgId), eq(studioPost.memberId, person.memberId))),
  );
}

describe("studio.generate", () => {
  it("streams the post token by token into a saved draft, for 1 credit, once per key", async () => {
    const person = await newMember();
    const input = brief("our spring meetup");
    const { events, error } = await generate(person, input);
    expect(error).toBeNull();
    expect(events[0]).toMatchObject({
      type: "started",
      balanceAfter: 9,
      model: "local stand-in model",
    });
    const deltas = events.filter((e) => e.type === "delta");
    expect(deltas.length).toBeGreaterThan(10);
    const done = events.at(-1);
    if (done?.type !== "done") throw new Error("no done event");
    expect(done.post.body).toBe(textOf(events));
    const saved = await (await person.caller("gen-acme")).studio.get({ id: done.post.id });
    expect(saved).toMatchObject({
      state: "draft",
      model: "local stand-in model",
      topic: "our spring meetup",
      tone: "friendly",
      platform: "linkedin",
    });
    expect(saved.prompt).toContain("our spring meetup");
    expect(saved.completionTokens).toBe(deltas.length);
    expect(saved.promptTokens).toBeGreaterThan(0);
    expect(await balanceOf(person)).toBe(9);
    // The same request again (a retry with its key) makes nothing and spends nothing.
    const again = await generate(person, input);
    expect(again.error).toMatchObject({ code: "CONFLICT" });
    expect(await balanceOf(person)).toBe(9);
    expect(await draftsOf(person)).toHaveLength(1);
  });

  it("saves at most 500 characters and stops the model there", async () => {
    const person = await newMember();
    const { events, error } = await generate(person, brief("a long story [[stand-in:tokens=400]]"));
    expect(error).toBeNull();
    const done = events.at(-1);
    if (done?.type !== "done") throw new Error("no done event");
    expect(textOf(events)).toHaveLength(500);
    expect(done.post.body).toHaveLength(500);
    await expect.poll(() => fx.model.standIn?.requests().at(-1)?.outcome).toBe("aborted");
  });

  it("stops the provider call when stopped in the middle, and gives the credit back", async () => {
    const person = await newMember();
    const standIn = fx.model.standIn;
    if (!standIn) throw new Error("no stand-in");
    standIn.setTokenDelay(25);
    let deltas = 0;
    try {
      const { events, error } = await generate(
        person,
        brief("a slow one [[stand-in:tokens=300]]"),
        (event, abort) => {
          // Stopped at the third token: in the middle of a 300-token stream.
          if (event.type === "delta" && ++deltas === 3) abort();
        },
      );
      expect(error).toBeNull();
      expect(events.some((e) => e.type === "done")).toBe(false);
      expect(events.filter((e) => e.type === "delta").length).toBeLessThan(300);
      await expect.poll(() => standIn.requests().at(-1)?.outcome).toBe("aborted");
      await expect.poll(() => balanceOf(person)).toBe(10);
      await expect.poll(() => draftsOf(person)).toEqual([]);
      const history = await (await person.caller("gen-acme")).credit.history({ limit: 10 });
      expect(history.items.map((e) => [e.kind, e.amount])).toEqual([
        ["spend_refund", 1],
        ["spend", -1],
        ["signup_bonus", 10],
      ]);
    } finally {
      standIn.setTokenDelay(1);
    }
  });

  it.each([
    ["429", "TOO_MANY_REQUESTS", "AI_RATE_LIMITED"],
    ["500", "SERVICE_UNAVAILABLE", "AI_UNAVAILABLE"],
    ["cut", "SERVICE_UNAVAILABLE", "AI_STREAM_CUT"],
    ["timeout", "SERVICE_UNAVAILABLE", "AI_TIMEOUT"],
  ] as const)(
    "gives the credit back on a provider %s, with a typed error",
    async (fault, code, reason) => {
      const person = await newMember();
      fx.model.standIn?.fault(fault);
      const { events, error } = await generate(person, brief("faulty"));
      expect(error).toMatchObject({ code, reason });
      expect(events[0]).toMatchObject({ type: "started", balanceAfter: 9 });
      expect(await balanceOf(person)).toBe(10);
      expect(await draftsOf(person)).toEqual([]);
    },
  );

  it("gives back the credit of a generation a stopped server cut off, once, and leaves hand-written drafts", async () => {
    const person = await newMember();
    const caller = await person.caller("gen-acme");
    // The spend and the empty draft are made, and the server stops before the model answers:
    // the generation is left at its first event, never resumed nor closed.
    const stream = (await caller.studio.generate(brief("cut off by a deploy")))[
      Symbol.asyncIterator
    ]();
    const first = await stream.next();
    expect(first.value).toMatchObject({ type: "started", balanceAfter: 9 });
    const byHand = await caller.studio.save({
      body: "",
      tone: "friendly",
      platform: "linkedin",
      length: "medium",
    });
    const later = { now: () => new Date(Date.now() + 2 * 3_600_000), toDatabase: (t: Date) => t };
    const settle = (clock?: typeof later) =>
      withTenant(fx.db, asSystem(orgId, "test", clock), settleAbandonedGenerations);
    // A generation under way now is not touched; an hour on, it is settled once.
    expect(await settle()).toBe(0);
    expect(await settle(later)).toBe(1);
    expect(await settle(later)).toBe(0);
    expect(await balanceOf(person)).toBe(10);
    expect((await draftsOf(person)).map((d) => d.id)).toEqual([byHand.id]);
  });

  it("with a balance of 1, makes exactly one of two concurrent generations", async () => {
    const person = await newMember();
    await withTenant(fx.db, asSystem(orgId, "test"), (scope) =>
      spendCredits(scope, {
        memberId: person.memberId,
        amount: 9,
        idempotencyKey: "leave-one",
        description: "Leaves one credit",
      }),
    );
    const results = await Promise.all([
      generate(person, brief("first")),
      generate(person, brief("second")),
    ]);
    const made = results.filter((r) => r.events.at(-1)?.type === "done");
    const refused = results.filter((r) => r.error);
    expect(made).toHaveLength(1);
    expect(refused.map((r) => r.error)).toMatchObject([
      { code: "CONFLICT", reason: "INSUFFICIENT_CREDITS" },
    ]);
    expect(refused[0]?.events).toEqual([]);
    expect(await balanceOf(person)).toBe(0);
    expect(await draftsOf(person)).toHaveLength(1);
  });
});
