// The real AI SDK (ai + @ai-sdk/openai-compatible) against the model stand-in over HTTP: what
// the studio and the assistant build on. Nothing is mocked: faults are the stand-in's.
import { type ModelStandIn, startModelStandIn } from "@guild/model-stand-in";
import { stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { TEST_AI_TIMEOUTS } from "../testing.ts";
import { aiCall } from "./call.ts";
import { mapAiError } from "./errors.ts";
import { type AiDeps, createAiModel } from "./model.ts";

let standIn: ModelStandIn;
let ai: AiDeps;
beforeAll(async () => {
  standIn = await startModelStandIn({ tokenDelayMs: 1 });
  ai = createAiModel({
    baseUrl: standIn.baseURL,
    model: standIn.model,
    isStandIn: true,
    ...TEST_AI_TIMEOUTS,
  });
});
afterAll(() => standIn.close());

/** Streams a prompt through aiCall as a procedure would: the text deltas, usage, or the error. */
async function generate(prompt: string) {
  const call = aiCall(ai);
  const result = streamText({ model: ai.model, prompt, ...call.options });
  const deltas: string[] = [];
  let usage: { inputTokens: number | undefined; outputTokens: number | undefined } | null = null;
  for await (const part of call.parts(result.fullStream)) {
    if (part.type === "text-delta") deltas.push(part.text);
    if (part.type === "finish") usage = part.totalUsage;
  }
  return { deltas, text: deltas.join(""), usage };
}

async function failure(prompt: string): Promise<AppError> {
  try {
    await generate(prompt);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the call did not fail");
}

describe("the AI SDK against the stand-in", () => {
  it("streams text token by token, deterministically, with usage counts", async () => {
    const first = await generate("Write a post about our spring meetup");
    expect(first.deltas.length).toBe(48);
    expect(first.text.split(" ")).toHaveLength(48);
    expect(first.usage).toMatchObject({ inputTokens: 7, outputTokens: 48 });
    const again = await generate("Write a post about our spring meetup");
    expect(again.text).toBe(first.text);
    expect(standIn.model).toBeTruthy();
    expect(ai.label).toBe("local stand-in model");
  });

  it("runs a tool call round trip: the model calls the tool, then answers with its numbers", async () => {
    const seen: unknown[] = [];
    const call = aiCall(ai);
    const result = streamText({
      model: ai.model,
      prompt: "How is the pipeline summary looking?",
      stopWhen: stepCountIs(3),
      tools: {
        pipeline_summary: tool({
          description: "Leads per stage and their value",
          inputSchema: z.object({ stage: z.string().optional() }),
          execute: async (input) => {
            seen.push(input);
            return { open: 7, won: 3, value: 48200 };
          },
        }),
      },
      ...call.options,
    });
    const kinds: string[] = [];
    for await (const part of call.parts(result.fullStream))
      if (part.type === "tool-call" || part.type === "tool-result") kinds.push(part.type);
    expect(kinds).toEqual(["tool-call", "tool-result"]);
    expect(seen).toEqual([{}]);
    expect(await result.text).toMatch(/^From pipeline_summary: open 7, won 3, value 48200\./);
    expect((await result.totalUsage).outputTokens).toBeGreaterThan(0);
  });

  it("stops the provider call when the caller's signal aborts, without an error", async () => {
    standIn.setTokenDelay(15);
    try {
      const controller = new AbortController();
      const call = aiCall(ai, controller.signal);
      const result = streamText({
        model: ai.model,
        prompt: "A long one [[stand-in:tokens=400]]",
        ...call.options,
      });
      let deltas = 0;
      for await (const part of call.parts(result.fullStream))
        if (part.type === "text-delta" && ++deltas === 3) controller.abort();
      expect(deltas).toBeLessThan(400);
      await expect.poll(() => standIn.requests().at(-1)?.outcome).toBe("aborted");
    } finally {
      standIn.setTokenDelay(1);
    }
  });

  it("maps a 429 to TOO_MANY_REQUESTS / AI_RATE_LIMITED", async () => {
    const error = await failure("Hello [[stand-in:429]]");
    expect(error).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "AI_RATE_LIMITED" });
    expect(error.message).toMatch(/rate limited/);
  });

  it("maps a 500, queued through the control endpoint, to AI_UNAVAILABLE", async () => {
    await fetch(`${standIn.url}/_stand-in/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "500", times: 1 }),
    });
    const error = await failure("Hello");
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "AI_UNAVAILABLE" });
    expect(error.message).toMatch(/failed \(500\)/);
  });

  it("retries once by default, so a single 500 is not seen", async () => {
    const retrying = createAiModel({ baseUrl: standIn.baseURL, model: "m", isStandIn: true });
    standIn.fault("500");
    const call = aiCall(retrying);
    const result = streamText({ model: retrying.model, prompt: "Hello", ...call.options });
    let text = "";
    for await (const part of call.parts(result.fullStream))
      if (part.type === "text-delta") text += part.text;
    expect(text.split(" ")).toHaveLength(48);
  });

  it("maps a stream cut in the middle to AI_STREAM_CUT", async () => {
    const error = await failure("Hello [[stand-in:cut]]");
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "AI_STREAM_CUT" });
    expect(error.message).toMatch(/cut off/);
  });

  it("maps a provider that never answers to AI_TIMEOUT", async () => {
    standIn.fault("timeout");
    const error = await failure("Hello");
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "AI_TIMEOUT" });
    expect(standIn.requests().at(-1)?.outcome).toBe("timeout");
  });

  it("maps an unreachable provider to AI_UNAVAILABLE", async () => {
    const gone = await startModelStandIn();
    const url = gone.baseURL;
    await gone.close();
    const unreachable = createAiModel({
      baseUrl: url,
      model: "m",
      isStandIn: false,
      maxRetries: 0,
    });
    const call = aiCall(unreachable);
    const result = streamText({ model: unreachable.model, prompt: "Hello", ...call.options });
    const error = await (async () => {
      try {
        for await (const _ of call.parts(result.fullStream));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "AI_UNAVAILABLE" });
    expect(unreachable.label).toBe("m");
    expect(mapAiError(error)).toBe(error);
  });
});
