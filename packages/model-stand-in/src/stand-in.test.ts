// The stand-in at the wire: what an OpenAI client reads from it, byte protocol included (the
// AI SDK's own run against it is packages/api/src/ai/ai.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ModelStandIn, startModelStandIn } from "./index.ts";

let standIn: ModelStandIn;
beforeAll(async () => {
  standIn = await startModelStandIn({ tokenDelayMs: 0 });
});
afterAll(() => standIn.close());

const chat = (body: object, init: RequestInit = {}) =>
  fetch(`${standIn.baseURL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "any-model", ...body }),
    ...init,
  });

/** The `data:` payloads of an SSE body, in order. */
async function events(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => block.slice("data: ".length));
}

interface Chunk {
  choices: { delta: { content?: string; tool_calls?: unknown[] }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

const parsed = (data: string[]) =>
  data.filter((d) => d !== "[DONE]").map((d) => JSON.parse(d) as Chunk);

describe("chat completions", () => {
  it("streams SSE chunks ending with a finish, the usage chunk and [DONE]", async () => {
    const response = await chat({
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "Write about our weekly community call" }],
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const data = await events(response);
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = parsed(data);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    const contentChunks = chunks.filter((c) => c.choices[0]?.delta.content);
    expect(text.split(" ").length).toBe(48);
    expect(text).toMatch(/^[A-Z].*\.$/);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    const usage = chunks.at(-1)?.usage;
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(usage).toEqual({
      prompt_tokens: 6,
      completion_tokens: contentChunks.length,
      total_tokens: 6 + contentChunks.length,
    });
  });

  it("gives the same answer to the same prompt, and another to another prompt", async () => {
    const ask = async (content: string) => {
      const response = await chat({ messages: [{ role: "user", content }] });
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      return body.choices[0]?.message.content;
    };
    const first = await ask("A post about gardening");
    expect(await ask("A post about gardening")).toBe(first);
    expect(await ask("A post about rivers")).not.toBe(first);
  });

  it("answers whole without stream, with usage, and honours max_tokens and the tokens marker", async () => {
    const response = await chat({
      max_tokens: 5,
      messages: [{ role: "user", content: "Short please" }],
    });
    const body = (await response.json()) as {
      object: string;
      choices: { message: { content: string }; finish_reason: string }[];
      usage: { completion_tokens: number };
    };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]?.message.content.split(" ")).toHaveLength(5);
    expect(body.choices[0]?.finish_reason).toBe("stop");
    expect(body.usage.completion_tokens).toBe(5);
    const long = await chat({
      messages: [{ role: "user", content: "Go [[stand-in:tokens=300]]" }],
    });
    const longBody = (await long.json()) as { usage: { completion_tokens: number } };
    expect(longBody.usage.completion_tokens).toBe(300);
  });

  it("calls the tool the prompt names, then quotes the tool's result", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "pipeline_summary",
          description: "Leads per stage",
          parameters: {
            type: "object",
            properties: { stage: { type: "string" }, limit: { type: "integer", minimum: 3 } },
            required: ["limit"],
          },
        },
      },
      { type: "function", function: { name: "recent_posts", parameters: { type: "object" } } },
    ];
    const question = { role: "user", content: "What does the pipeline summary say?" };
    const response = await chat({ stream: true, tools, messages: [question] });
    const chunks = parsed(await events(response));
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []) as {
      id?: string;
      function: { name?: string; arguments: string };
    }[];
    const id = calls[0]?.id;
    expect(calls[0]?.function.name).toBe("pipeline_summary");
    expect(JSON.parse(calls.map((c) => c.function.arguments).join(""))).toEqual({ limit: 3 });

    const answer = await chat({
      tools,
      messages: [
        question,
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id, type: "function", function: { name: "pipeline_summary", arguments: "{}" } },
          ],
        },
        {
          role: "tool",
          tool_call_id: id,
          content: JSON.stringify({ stages: [{ name: "Won", leads: 4 }], value: 12500 }),
        },
      ],
    });
    const body = (await answer.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toMatch(
      /^From pipeline_summary: stages 1 name Won, stages 1 leads 4, value 12500\. [A-Z]/,
    );
  });

  it("answers with prose when the prompt calls for no tool", async () => {
    const response = await chat({
      tools: [{ type: "function", function: { name: "recent_posts", parameters: {} } }],
      messages: [{ role: "user", content: "Hello there" }],
    });
    const body = (await response.json()) as {
      choices: { message: { content: string | null }; finish_reason: string }[];
    };
    expect(body.choices[0]?.finish_reason).toBe("stop");
    expect(body.choices[0]?.message.content).toBeTruthy();
  });

  it("lists its model and refuses a body that is no chat request", async () => {
    const models = (await (await fetch(`${standIn.baseURL}/models`)).json()) as {
      data: { id: string }[];
    };
    expect(models.data.map((m) => m.id)).toEqual([standIn.model]);
    const bad = await chat({ messages: "hello" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { type: string } }).error.type).toBe(
      "invalid_request_error",
    );
  });
});

describe("faults", () => {
  const hello = { messages: [{ role: "user", content: "Hello" }] };

  it("queues faults through the control endpoint for the next N requests", async () => {
    const queued = await fetch(`${standIn.url}/_stand-in/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "429", times: 2 }),
    });
    expect(queued.status).toBe(200);
    const first = await chat(hello);
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(((await first.json()) as { error: { type: string } }).error.type).toBe(
      "rate_limit_exceeded",
    );
    expect((await chat(hello)).status).toBe(429);
    expect((await chat(hello)).status).toBe(200);
    const refused = await fetch(`${standIn.url}/_stand-in/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "418" }),
    });
    expect(refused.status).toBe(400);
  });

  it("fails with a 500 on the [[stand-in:500]] marker in the last user message only", async () => {
    const failed = await chat({ messages: [{ role: "user", content: "Hi [[stand-in:500]]" }] });
    expect(failed.status).toBe(500);
    await failed.body?.cancel();
    const later = await chat({
      messages: [
        { role: "user", content: "Hi [[stand-in:500]]" },
        { role: "assistant", content: "Hello." },
        { role: "user", content: "And now?" },
      ],
    });
    expect(later.status).toBe(200);
    await later.body?.cancel();
  });

  it("cuts a stream in the middle: half the tokens, then the connection drops", async () => {
    const response = await chat({
      stream: true,
      messages: [{ role: "user", content: "Tell me [[stand-in:cut]] [[stand-in:tokens=20]]" }],
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(standIn.requests().at(-1)?.outcome).toBe("cut");
  });

  it("holds a timed-out request open until the client gives up", async () => {
    standIn.fault("timeout");
    // Only the client's own timeout ends it: no status, no body ever came.
    await expect(chat(hello, { signal: AbortSignal.timeout(300) })).rejects.toMatchObject({
      name: "TimeoutError",
    });
    expect(standIn.requests().at(-1)?.outcome).toBe("timeout");
  });

  it("records a stream the client left as aborted", async () => {
    standIn.setTokenDelay(20);
    try {
      const controller = new AbortController();
      const response = await chat(
        { stream: true, messages: [{ role: "user", content: "Long [[stand-in:tokens=200]]" }] },
        { signal: controller.signal },
      );
      const reader = response.body?.getReader();
      await reader?.read();
      controller.abort();
      await expect.poll(() => standIn.requests().at(-1)?.outcome).toBe("aborted");
    } finally {
      standIn.setTokenDelay(0);
    }
  });
});
