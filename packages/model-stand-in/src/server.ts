// The stand-in's HTTP server: OpenAI's chat-completions API (streamed as server-sent events or
// whole), its model list, and a small /_stand-in API that queues faults for tests.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  type Answer,
  answerFor,
  type ChatRequest,
  type FaultKind,
  isFaultKind,
  markersOf,
  promptTokens,
} from "./answer.ts";

export interface ModelStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The model id it reports (any requested id is accepted and echoed). */
  model?: string;
  /** Pause between streamed tokens, ms (default 5): a stream people can watch arrive. */
  tokenDelayMs?: number;
  /** Accept only this key (Authorization: Bearer …); by default any key, or none, is accepted. */
  apiKey?: string;
}

/** One chat-completions request as the stand-in saw it. */
export interface RecordedRequest {
  body: ChatRequest;
  /** done: answered in full; aborted: the client went away first; or the fault it got. */
  outcome: "pending" | "done" | "aborted" | FaultKind;
}

export interface ModelStandIn {
  /** http://host:port */
  url: string;
  /** The OpenAI-compatible base URL (url + "/v1"), what LLM_BASE_URL points at. */
  baseURL: string;
  port: number;
  model: string;
  /** The next `times` chat-completions requests get this fault (queued after earlier ones). */
  fault(kind: FaultKind, times?: number): void;
  /** Forgets queued faults. */
  clearFaults(): void;
  /** Changes the pause between streamed tokens. */
  setTokenDelay(ms: number): void;
  /** Every chat-completions request so far, oldest first. */
  requests(): RecordedRequest[];
  close(): Promise<void>;
}

const DEFAULT_MODEL = "guild-stand-in-1";
const MAX_RECORDED = 1000;

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function openAiError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
) {
  sendJson(res, status, { error: { message, type, param: null, code: type } }, headers);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

function isChatRequest(value: unknown): value is ChatRequest {
  return (
    !!value &&
    typeof value === "object" &&
    "messages" in value &&
    Array.isArray(value.messages) &&
    value.messages.every(
      (m: unknown) => !!m && typeof m === "object" && "role" in m && typeof m.role === "string",
    )
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startModelStandIn(options: ModelStandInOptions = {}): Promise<ModelStandIn> {
  const model = options.model ?? DEFAULT_MODEL;
  let tokenDelayMs = options.tokenDelayMs ?? 5;
  const faults: FaultKind[] = [];
  const recorded: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  const usageOf = (request: ChatRequest, completionTokens: number) => {
    const prompt = promptTokens(request);
    return {
      prompt_tokens: prompt,
      completion_tokens: completionTokens,
      total_tokens: prompt + completionTokens,
    };
  };

  const completionTokens = (answer: Answer) =>
    answer.kind === "text"
      ? answer.tokens.length
      : answer.calls.reduce((n, c) => n + Math.max(1, c.arguments.length >> 2), 0);

  function answerWhole(res: ServerResponse, request: ChatRequest, answer: Answer, id: string) {
    const message =
      answer.kind === "text"
        ? { role: "assistant", content: answer.tokens.join("") }
        : {
            role: "assistant",
            content: null,
            tool_calls: answer.calls.map((c) => ({
              id: c.id,
              type: "function",
              function: { name: c.name, arguments: c.arguments },
            })),
          };
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: request.model ?? model,
      choices: [
        {
          index: 0,
          message,
          finish_reason: answer.kind === "text" ? "stop" : "tool_calls",
        },
      ],
      usage: usageOf(request, completionTokens(answer)),
    });
  }

  async function answerStream(
    res: ServerResponse,
    request: ChatRequest,
    answer: Answer,
    id: string,
    cut: boolean,
    record: RecordedRequest,
  ): Promise<void> {
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta: object, finish: string | null = null) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model: request.model ?? model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const write = (data: object | string) =>
      !res.destroyed &&
      res.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    write(chunk({ role: "assistant", content: "" }));
    // A tool call streams as its head (id, name) and then its arguments in pieces.
    const pieces: object[] =
      answer.kind === "text"
        ? answer.tokens.map((token) => ({ content: token }))
        : answer.calls.flatMap((call, index) => [
            {
              tool_calls: [
                {
                  index,
                  id: call.id,
                  type: "function",
                  function: { name: call.name, arguments: "" },
                },
              ],
            },
            ...(call.arguments.match(/.{1,16}/gs) ?? []).map((part) => ({
              tool_calls: [{ index, function: { arguments: part } }],
            })),
          ]);
    // A cut stream stops after half its pieces (at least one), with no finish and no [DONE].
    const upTo = cut ? Math.max(1, Math.floor(pieces.length / 2)) : pieces.length;
    for (let i = 0; i < upTo; i++) {
      if (tokenDelayMs > 0) await sleep(tokenDelayMs);
      if (res.destroyed) return;
      write(chunk(pieces[i] ?? {}));
    }
    if (cut) {
      // What was written reaches the client first, so the cut falls inside the body.
      await sleep(Math.max(tokenDelayMs, 20));
      res.destroy();
      return;
    }
    if (res.destroyed) return;
    write(chunk({}, answer.kind === "text" ? "stop" : "tool_calls"));
    if (request.stream_options?.include_usage)
      write({
        id,
        object: "chat.completion.chunk",
        created,
        model: request.model ?? model,
        choices: [],
        usage: usageOf(request, completionTokens(answer)),
      });
    // Marked before the end: the response's close event follows it.
    record.outcome = "done";
    write("[DONE]");
    res.end();
  }

  async function chatCompletions(req: IncomingMessage, res: ServerResponse) {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      openAiError(res, 400, "invalid_request_error", "The body is not valid JSON.");
      return;
    }
    if (!isChatRequest(body)) {
      openAiError(res, 400, "invalid_request_error", "`messages` must be an array of messages.");
      return;
    }
    const record: RecordedRequest = { body, outcome: "pending" };
    recorded.push(record);
    // A long dev run or a benchmark keeps only the latest requests.
    if (recorded.length > MAX_RECORDED) recorded.splice(0, recorded.length - MAX_RECORDED);
    const markers = markersOf(body.messages);
    const fault = faults.shift() ?? markers.fault;
    const id = `chatcmpl-${++counter}${randomUUID().slice(0, 8)}`;
    res.once("close", () => {
      if (record.outcome === "pending") record.outcome = "aborted";
    });
    switch (fault) {
      case "429":
        record.outcome = "429";
        openAiError(res, 429, "rate_limit_exceeded", "Rate limit reached (model stand-in fault).", {
          "retry-after": "1",
        });
        return;
      case "500":
        record.outcome = "500";
        openAiError(res, 500, "server_error", "The model failed (model stand-in fault).");
        return;
      case "timeout":
        // Never answers: the request stays open until the client gives up (or close()).
        record.outcome = "timeout";
        return;
    }
    const answer = answerFor(body, markers);
    if (fault === "cut") record.outcome = "cut";
    if (!body.stream) {
      if (fault === "cut") {
        // A whole answer cut off: headers and half a body, then the connection drops.
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"id":"');
        res.destroy();
        return;
      }
      record.outcome = "done";
      answerWhole(res, body, answer, id);
      return;
    }
    await answerStream(res, body, answer, id, fault === "cut", record);
  }

  async function controlFaults(req: IncomingMessage, res: ServerResponse) {
    if (req.method === "DELETE") {
      faults.length = 0;
      sendJson(res, 200, { queued: [] });
      return;
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      sendJson(res, 400, { error: "The body is not valid JSON." });
      return;
    }
    const kind = body && typeof body === "object" && "kind" in body ? body.kind : undefined;
    const times = body && typeof body === "object" && "times" in body ? body.times : 1;
    if (!isFaultKind(kind) || typeof times !== "number" || !Number.isInteger(times) || times < 0) {
      sendJson(res, 400, {
        error: 'Expected { "kind": "429" | "500" | "cut" | "timeout", "times"?: a whole number }',
      });
      return;
    }
    standIn.fault(kind, times);
    sendJson(res, 200, { queued: faults });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (options.apiKey && path?.startsWith("/v1/")) {
      if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
        openAiError(res, 401, "invalid_api_key", "Incorrect API key provided.");
        return;
      }
    }
    const route = `${req.method} ${path}`;
    const handle = (): Promise<void> | void => {
      switch (route) {
        case "POST /v1/chat/completions":
          return chatCompletions(req, res);
        case "GET /v1/models":
          return sendJson(res, 200, {
            object: "list",
            data: [{ id: model, object: "model", created: 0, owned_by: "guild-model-stand-in" }],
          });
        case "POST /_stand-in/faults":
        case "DELETE /_stand-in/faults":
          return controlFaults(req, res);
        case "GET /_stand-in/faults":
          return sendJson(res, 200, { queued: faults });
        case "GET /_stand-in/requests":
          return sendJson(res, 200, { requests: recorded });
        default:
          return openAiError(res, 404, "not_found", `No route ${route}`);
      }
    };
    Promise.resolve(handle()).catch((error: unknown) => {
      if (!res.headersSent) openAiError(res, 500, "server_error", String(error));
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const standIn: ModelStandIn = {
    url,
    baseURL: `${url}/v1`,
    port,
    model,
    fault(kind, times = 1) {
      for (let i = 0; i < times; i++) faults.push(kind);
    },
    clearFaults() {
      faults.length = 0;
    },
    setTokenDelay(ms) {
      tokenDelayMs = ms;
    },
    requests: () => [...recorded],
    close: () =>
      new Promise<void>((resolve) => {
        // Held requests (the timeout fault) and open streams would keep close() waiting.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return standIn;
}
