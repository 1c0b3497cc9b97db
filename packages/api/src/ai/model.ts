// The one place Guild makes its language model: any OpenAI-compatible provider (OpenAI, a local
// Ollama, vLLM) through the AI SDK, or the local model stand-in (@guild/model-stand-in) that
// dev and tests start when no LLM_API_KEY is set.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";

/** How to reach the model (apps/server/src/env.ts: LLM_BASE_URL, LLM_API_KEY, LLM_MODEL). */
export interface AiSettings {
  /** The provider's OpenAI-compatible base URL, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; the stand-in takes none. */
  apiKey?: string | undefined;
  /** The model id, e.g. gpt-4o-mini or llama3.1. */
  model: string;
  /** The local stand-in: the UI says "local stand-in model". */
  isStandIn: boolean;
  /**
   * The longest the provider may stay silent (before its answer starts, or between two chunks)
   * before the call is given up as AI_TIMEOUT (default 30 s; tests use less).
   */
  idleTimeoutMs?: number;
  /** The longest one call may take in all (default 120 s). */
  totalTimeoutMs?: number;
  /** Retries of a failed request (429, 5xx, unreachable) before it counts (default 1). */
  maxRetries?: number;
}

/** What procedures and jobs use to call the model; null where no model is configured. */
export interface AiDeps {
  model: LanguageModel;
  /** What the UI shows: "local stand-in model", or the model's id. */
  label: string;
  isStandIn: boolean;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
}

export const STAND_IN_LABEL = "local stand-in model";

export function createAiModel(settings: AiSettings): AiDeps {
  const provider = createOpenAICompatible({
    name: settings.isStandIn ? "guild-stand-in" : "llm",
    baseURL: settings.baseUrl,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    // Streams end with a usage chunk: generations record their prompt and completion tokens.
    includeUsage: true,
  });
  return {
    model: provider.chatModel(settings.model),
    label: settings.isStandIn ? STAND_IN_LABEL : settings.model,
    isStandIn: settings.isStandIn,
    idleTimeoutMs: settings.idleTimeoutMs ?? 30_000,
    totalTimeoutMs: settings.totalTimeoutMs ?? 120_000,
    maxRetries: settings.maxRetries ?? 1,
  };
}
