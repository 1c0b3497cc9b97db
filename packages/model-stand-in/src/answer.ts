// Decides what the stand-in answers a chat-completions request: prose, a tool call, or prose
// that quotes the tool results it was given. Pure (no I/O), so it is easy to test and to reason
// about: the same request always gets the same answer.
import { countTokens, hashText, proseTokens, splitTokens } from "./text.ts";

export const FAULT_KINDS = ["429", "500", "cut", "timeout"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === "string" && (FAULT_KINDS as readonly string[]).includes(value);
}

/** The parts of an OpenAI chat-completions request the stand-in reads. */
export interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[];
  tool_call_id?: string;
}

export interface ChatTool {
  type?: string;
  function?: { name?: string; description?: string; parameters?: unknown };
}

export interface ChatRequest {
  model?: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: ChatTool[];
  tool_choice?: unknown;
  max_tokens?: number;
  max_completion_tokens?: number;
}

export interface ToolCallAnswer {
  id: string;
  name: string;
  arguments: string;
}

export type Answer =
  | { kind: "text"; tokens: string[] }
  | { kind: "tool_calls"; calls: ToolCallAnswer[] };

/** How many tokens an answer has when neither the request nor a marker says. */
export const DEFAULT_ANSWER_TOKENS = 48;

/** A message's text: a string, or the text parts of a multi-part content. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((part: unknown) =>
        part && typeof part === "object" && "text" in part && typeof part.text === "string"
          ? part.text
          : "",
      )
      .join("");
  return "";
}

/** The last user message: where prompt markers are looked for (never in tool results). */
function lastUserText(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages[i]?.role === "user") return textOf(messages[i]?.content);
  return "";
}

const MARKER = /\[\[stand-in:([a-z0-9]+)(?:=([^\]\s]+))?(?:\s+(\{.*?\}))?\]\]/gi;

interface Markers {
  fault: FaultKind | null;
  tokens: number | null;
  tool: { name: string; args: string | null } | null;
}

/** The `[[stand-in:…]]` markers of the last user message. */
export function markersOf(messages: ChatMessage[]): Markers {
  const markers: Markers = { fault: null, tokens: null, tool: null };
  for (const match of lastUserText(messages).matchAll(MARKER)) {
    const [, key = "", value, json] = match;
    const name = key.toLowerCase();
    if (isFaultKind(name)) markers.fault = name;
    else if (name === "tokens" && value && /^\d+$/.test(value))
      markers.tokens = Math.min(Number(value), 100_000);
    else if (name === "tool" && value) markers.tool = { name: value, args: json ?? null };
  }
  return markers;
}

/** Prompt tokens, counted over every message's text (and tool calls' arguments). */
export function promptTokens(request: ChatRequest): number {
  let count = 0;
  for (const message of request.messages) {
    count += countTokens(textOf(message.content));
    for (const call of message.tool_calls ?? [])
      count += countTokens(call.function?.arguments ?? "");
  }
  return count;
}

/** Words of a tool name: get_pipeline → "get pipeline", searchLeads → "search leads". */
function nameWords(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .toLowerCase()
    .trim();
}

interface JsonSchema {
  type?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: unknown;
  enum?: unknown;
  minimum?: unknown;
  default?: unknown;
}

function asSchema(value: unknown): JsonSchema {
  return value && typeof value === "object" ? value : {};
}

/** Arguments that satisfy a tool's JSON schema: its required properties with plain values. */
function argumentsFor(schema: JsonSchema, prompt: string): unknown {
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      // A query-like string gets the prompt's words (minus markers), so a search finds something.
      return prompt.replace(MARKER, "").trim().slice(0, 100);
    case "number":
    case "integer":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return false;
    case "array":
      return [];
    case "null":
      return null;
    default: {
      const out: Record<string, unknown> = {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        if (required.includes(key)) out[key] = argumentsFor(asSchema(property), prompt);
      return out;
    }
  }
}

/** Which tool the last user message calls for, if any. */
function chooseTool(request: ChatRequest, markers: Markers): ToolCallAnswer | null {
  const tools = (request.tools ?? []).filter(
    (t): t is ChatTool & { function: { name: string } } =>
      typeof t.function?.name === "string" && t.function.name.length > 0,
  );
  if (tools.length === 0 || request.tool_choice === "none") return null;
  const prompt = lastUserText(request.messages);
  const seed = hashText(JSON.stringify(request.messages));
  const id = `call_${seed.toString(36)}${request.messages.length}`;
  const forced =
    request.tool_choice && typeof request.tool_choice === "object"
      ? textOf(
          "function" in request.tool_choice &&
            request.tool_choice.function &&
            typeof request.tool_choice.function === "object" &&
            "name" in request.tool_choice.function
            ? request.tool_choice.function.name
            : "",
        )
      : "";
  const lower = prompt.toLowerCase();
  const tool =
    (markers.tool && tools.find((t) => t.function.name === markers.tool?.name)) ||
    (forced && tools.find((t) => t.function.name === forced)) ||
    tools.find(
      (t) =>
        lower.includes(t.function.name.toLowerCase()) || lower.includes(nameWords(t.function.name)),
    ) ||
    (request.tool_choice === "required" ? tools[0] : undefined);
  if (!tool) return null;
  const args =
    markers.tool?.name === tool.function.name && markers.tool.args
      ? markers.tool.args
      : JSON.stringify(argumentsFor(asSchema(tool.function.parameters), prompt));
  return { id, name: tool.function.name, arguments: args };
}

/** A JSON value's leaves as "path value" phrases, so an answer quotes the numbers it was given. */
function facts(value: unknown, path: string, out: string[]): void {
  if (out.length >= 40) return;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries())
      facts(item, path ? `${path} ${i + 1}` : String(i + 1), out);
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value))
      facts(item, path ? `${path} ${key}` : key, out);
  } else {
    out.push(path ? `${path} ${String(value)}` : String(value));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The answer after tool results: each tool's findings quoted, then a little prose. */
function answerFromToolResults(request: ChatRequest, limit: number): Answer {
  const messages = request.messages;
  let start = messages.length;
  while (start > 0 && messages[start - 1]?.role === "tool") start--;
  const names = new Map<string, string>();
  for (const message of messages)
    for (const call of message.tool_calls ?? [])
      if (call.id && call.function?.name) names.set(call.id, call.function.name);
  const sentences = messages.slice(start).map((message) => {
    const found: string[] = [];
    facts(parseJson(textOf(message.content)), "", found);
    const name = names.get(message.tool_call_id ?? "") ?? "the tool";
    return `From ${name}: ${found.length > 0 ? found.join(", ") : "nothing"}.`;
  });
  const quoted = splitTokens(sentences.join(" "));
  const prose = proseTokens(hashText(JSON.stringify(messages)), Math.max(0, limit - quoted.length));
  const tail = prose.length > 0 ? [` ${prose[0]?.trimStart()}`, ...prose.slice(1)] : [];
  return { kind: "text", tokens: [...quoted, ...tail] };
}

/** What the stand-in answers this request (faults aside). */
export function answerFor(
  request: ChatRequest,
  markers: Markers = markersOf(request.messages),
): Answer {
  const requested = request.max_completion_tokens ?? request.max_tokens;
  const limit = Math.max(
    1,
    markers.tokens ?? Math.min(DEFAULT_ANSWER_TOKENS, requested ?? DEFAULT_ANSWER_TOKENS),
  );
  if (request.messages.at(-1)?.role === "tool") return answerFromToolResults(request, limit);
  const call = chooseTool(request, markers);
  if (call) return { kind: "tool_calls", calls: [call] };
  const seed = hashText(`${request.model ?? ""}\n${JSON.stringify(request.messages)}`);
  return { kind: "text", tokens: proseTokens(seed, limit) };
}
