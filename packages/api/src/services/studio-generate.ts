// studio.generate (issue 14 §2): a post written by the model from a brief, streamed token by token
// into the editor, for 1 credit. Three short tenant transactions around the stream, none open
// while the model talks:
// 1. the rate limit, the spend (the client's idempotency key: a retried request spends once) and
//    an empty draft the spend refers to, together: with a balance of 1, of two concurrent
//    generations exactly one gets past here;
// 2. the stream (no transaction): deltas as they come, cut at 500 characters (the provider call
//    is stopped there), and stopped with the subscription's signal;
// 3. the text and its metadata saved on the draft; or, when the model failed or the member
//    stopped, the draft removed and the credit given back (once, by the same key).
// A server that stops between 1 and 3 (a deploy, a crash) leaves the empty draft and the spend:
// the daily maintenance gives those back (settleAbandonedGenerations).
import { and, creditEntry, eq, lt, sql, studioPost, type TenantScope } from "@guild/db";
import { STUDIO_POST_MAX } from "@guild/db/enums";
import { streamText } from "ai";
import type { z } from "zod";
import { type AiDeps, aiCall, aiDisabled, mapAiError } from "../ai/index.ts";
import { AppError } from "../errors.ts";
import { consumeRateLimit, type RateLimit } from "../rate-limit.ts";
import type { generateStudioPostInput } from "../schemas/studio.ts";
import { refundSpend, spendCredits, spendIdempotencyKeyOf } from "./credit.ts";
import { actingMember } from "./member.ts";
import {
  createStudioDraft,
  getStudioPost,
  publishStudioPostChanged,
  removeStudioPost,
  type StudioPostView,
  saveGeneration,
} from "./studio.ts";

/** What a generation costs. */
export const STUDIO_GENERATION_CREDITS = 1;

/** Far above what a person asks for by hand; a loop in a script stops here. */
const GENERATION_LIMIT: RateLimit = { max: 20, windowSeconds: 60, what: "generations" };

const lengthWords = {
  short: "under 200 characters",
  medium: "about 350 characters",
  long: "up to 500 characters",
};

/** The prompt a brief becomes (kept with the post, as its metadata). */
export function studioPrompt(brief: z.output<typeof generateStudioPostInput>): string {
  return [
    `Write a ${brief.tone} post for ${brief.platform === "community" ? "our community space" : brief.platform}`,
    `about: ${brief.topic}.`,
    `Length: ${lengthWords[brief.length]}; never more than ${STUDIO_POST_MAX} characters.`,
    "Answer with the post's text only.",
  ].join(" ");
}

export type StudioGenerationEvent =
  | { type: "started"; postId: string; balanceAfter: number; model: string }
  | { type: "delta"; text: string }
  | { type: "done"; post: StudioPostView };

type Tenant = <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>;

/**
 * Streams one generation. Throws a typed error (INSUFFICIENT_CREDITS, AI_*) after giving the
 * credit back; ends quietly, credit given back, when `signal` stops it.
 */
export async function* generateStudioPost(
  context: { ai: AiDeps | null; tenant: Tenant; signal: AbortSignal | undefined },
  input: z.output<typeof generateStudioPostInput>,
): AsyncGenerator<StudioGenerationEvent, void> {
  const { ai, tenant, signal } = context;
  if (!ai) throw aiDisabled();
  const prompt = studioPrompt(input);
  const key = `studio:${input.idempotencyKey}`;
  const brief = {
    topic: input.topic,
    tone: input.tone,
    platform: input.platform,
    length: input.length,
  };

  const started = await tenant(async (scope) => {
    const me = actingMember(scope);
    await consumeRateLimit(
      scope.db,
      scope.organizationId,
      `studio.generate:${me.memberId}`,
      GENERATION_LIMIT,
      scope.now(),
    );
    const draft = await createStudioDraft(scope, { ...brief, body: "", generation: null });
    const spend = await spendCredits(scope, {
      memberId: me.memberId,
      amount: STUDIO_GENERATION_CREDITS,
      idempotencyKey: key,
      description: `Studio: a post about ${input.topic.slice(0, 80)}`,
      reference: draft.id,
    });
    // The key's spend is an earlier request's (this one's draft is not what it paid for): that
    // generation ran already. Rolled back with this transaction: nothing is charged again.
    if (spend.reference !== draft.id)
      throw new AppError("CONFLICT", "This generation was already made: start a new one");
    return { postId: draft.id, memberId: me.memberId, balanceAfter: spend.balanceAfter };
  });
  const giveBack = (why: string) =>
    tenant(async (scope) => {
      await refundSpend(scope, {
        memberId: started.memberId,
        idempotencyKey: key,
        description: `Studio: credit given back (${why})`,
      });
      await removeStudioPost(scope, started.postId);
    });

  // Settled once: saved, or given back. A consumer that leaves at any yield (the subscription
  // stopped) lands in `finally` unsettled, and is given back there.
  let settled = false;
  const settle = async (why: string) => {
    if (settled) return;
    settled = true;
    await giveBack(why);
  };
  try {
    yield {
      type: "started",
      postId: started.postId,
      balanceAfter: started.balanceAfter,
      model: ai.label,
    };
    let text = "";
    let usage: { inputTokens: number | undefined; outputTokens: number | undefined } | null = null;
    try {
      const call = aiCall(ai, signal);
      const result = streamText({ model: ai.model, prompt, ...call.options });
      for await (const part of call.parts(result.fullStream)) {
        if (part.type === "finish") usage = part.totalUsage;
        if (part.type !== "text-delta") continue;
        // What is saved is at most 500 characters: the rest is never asked for (leaving the
        // loop stops the provider call).
        const room = STUDIO_POST_MAX - text.length;
        const piece = part.text.slice(0, room);
        if (piece) {
          text += piece;
          yield { type: "delta", text: piece };
        }
        if (part.text.length >= room) break;
      }
    } catch (error) {
      await settle("the model failed");
      throw error instanceof AppError ? error : mapAiError(error);
    }
    if (signal?.aborted) return;
    if (text.trim() === "") {
      await settle("the model wrote nothing");
      throw new AppError("SERVICE_UNAVAILABLE", "The model answered with nothing: try again", {
        reason: "AI_UNAVAILABLE",
      });
    }
    const post = await tenant(async (scope) => {
      await saveGeneration(scope, started.postId, {
        body: text,
        model: ai.label,
        prompt,
        promptTokens: usage?.inputTokens ?? null,
        completionTokens: usage?.outputTokens ?? null,
      });
      return getStudioPost(scope, started.postId);
    });
    settled = true;
    yield { type: "done", post };
  } finally {
    await settle("stopped");
  }
}

/**
 * A generation whose draft is still empty this long after it began was cut off by a server that
 * stopped before step 3: no model call lasts nearly this long.
 */
export const ABANDONED_GENERATION_MS = 60 * 60 * 1000;

/**
 * Daily maintenance: drafts an interrupted generation left empty are removed and their credit
 * given back (once: refundSpend is keyed by the generation's spend). A draft written by hand
 * has no spend referring to it and is left alone, empty or not.
 */
export async function settleAbandonedGenerations(scope: TenantScope): Promise<number> {
  const before = new Date(scope.now().getTime() - ABANDONED_GENERATION_MS);
  const abandoned = await scope.db
    .select({
      postId: studioPost.id,
      memberId: studioPost.memberId,
      spendKey: creditEntry.idempotencyKey,
    })
    .from(studioPost)
    .innerJoin(
      creditEntry,
      and(
        eq(creditEntry.organizationId, studioPost.organizationId),
        eq(creditEntry.memberId, studioPost.memberId),
        eq(creditEntry.kind, "spend"),
        eq(creditEntry.reference, sql`${studioPost.id}::text`),
      ),
    )
    .where(
      and(
        eq(studioPost.organizationId, scope.organizationId),
        eq(studioPost.state, "draft"),
        eq(studioPost.body, ""),
        lt(studioPost.createdAt, before),
      ),
    );
  for (const generation of abandoned) {
    await refundSpend(scope, {
      memberId: generation.memberId,
      idempotencyKey: spendIdempotencyKeyOf(generation.spendKey),
      description: "Studio: credit given back (the generation was interrupted)",
    });
    await scope.db
      .delete(studioPost)
      .where(
        and(
          eq(studioPost.organizationId, scope.organizationId),
          eq(studioPost.id, generation.postId),
        ),
      );
    await publishStudioPostChanged(scope, generation.postId, generation.memberId);
  }
  return abandoned.length;
}
