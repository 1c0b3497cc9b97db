// The assistant over plain HTTP, as the web's tRPC link reads it: assistant.send as server-sent
// events from the real server, whose model is the local stand-in it started itself. The answer
// about the pipeline quotes the dashboard's numbers; dropping the connection mid-answer stops the
// provider call and keeps what was said.
import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  callProcedure,
  createServerFixture,
  openSubscription,
  signIn,
  uniqueIp,
} from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
let owner: Browser;

beforeAll(async () => {
  // A slow token pace, so a stop lands mid-answer.
  fx = await createServerFixture(inject("pgAdminUrl"), { LLM_STAND_IN_TOKEN_DELAY_MS: 15 });
  owner = new Browser(fx.server.url, { ip: uniqueIp() });
  expect((await signIn(owner, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(200);
});
afterAll(() => fx?.close());

const event = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), conversationId: z.string(), answerId: z.string() }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("tool"), toolName: z.string(), label: z.string() }),
  z.object({ type: z.literal("done"), status: z.string(), content: z.string() }),
]);

const ask = (text: string) =>
  openSubscription(fx.server.url, owner, "demo", "assistant.send", {
    text,
    idempotencyKey: randomUUID(),
  });

describe("assistant.send over HTTP", () => {
  it("streams an answer about the pipeline whose numbers match the dashboard's", async () => {
    const stream = await ask("How does the pipeline summary look?");
    expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
    const events: z.infer<typeof event>[] = [];
    for (;;) {
      const message = await stream.next(10_000);
      if (message === "ended") break;
      const parsed = event.safeParse(message.data);
      if (!parsed.success) continue; // tRPC's own "connected" and return messages
      events.push(parsed.data);
      if (parsed.data.type === "done") break;
    }
    stream.close();
    expect(events.filter((e) => e.type === "tool")).toEqual([
      { type: "tool", toolName: "pipelineSummary", label: "pipeline" },
    ]);
    const stages = await callProcedure(
      owner,
      { "x-guild-org": "demo" },
      "lead.pipelineSummary",
      undefined,
      z.array(z.object({ status: z.string(), count: z.number(), valueCents: z.number() })),
      "query",
    );
    const total = stages.reduce((sum, s) => sum + s.count, 0);
    expect(total).toBeGreaterThan(0);
    const done = events.at(-1);
    expect(done).toMatchObject({ type: "done", status: "complete" });
    const answer = done?.type === "done" ? done.content : "";
    expect(answer).toContain(`totalLeads ${total}`);
    for (const stage of stages) expect(answer).toContain(`stage ${stage.status}`);
  });

  it("stops the model when the connection drops, and keeps the partial answer as stopped", async () => {
    const stream = await ask("Tell me a long story [[stand-in:tokens=400]]");
    let answerId = "";
    let texts = 0;
    while (texts < 5) {
      const message = await stream.next(10_000);
      if (message === "ended") throw new Error("ended early");
      const parsed = event.safeParse(message.data);
      if (!parsed.success) continue;
      if (parsed.data.type === "start") answerId = parsed.data.answerId;
      if (parsed.data.type === "text") texts++;
    }
    stream.close();
    const stored = async () => {
      const [row] = await fx.database.sql<{ status: string; content: string }[]>`
        select status, content from assistant_message where id = ${answerId}`;
      return row;
    };
    await expect.poll(async () => (await stored())?.status, { timeout: 10_000 }).toBe("stopped");
    const row = await stored();
    expect(row?.content.length).toBeGreaterThan(0);
    expect(row?.content.split(" ").length).toBeLessThan(400);
  });
});
