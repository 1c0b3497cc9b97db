import { assistantConversation, assistantMessage } from "@guild/db";
import { type InOrgRight, missingId, sweepDomain, type Victim } from "./define.ts";

interface AssistantSeed {
  /** The plain member's conversation, with a question and an answer. */
  conversationId: string;
  /** Another of theirs, for the removal (its holder's call deletes it). */
  removableId: string;
}

/** A conversation as the send procedure leaves it: a question, and its answer. */
async function seedConversation(victim: Victim, title: string) {
  const memberId = victim.memberIds.member;
  const [conversation] = await victim.fx.db
    .insert(assistantConversation)
    .values({ organizationId: victim.organizationId, memberId, title })
    .returning({ id: assistantConversation.id });
  if (!conversation) throw new Error("the victim's conversation was not created");
  await victim.fx.db.insert(assistantMessage).values([
    {
      organizationId: victim.organizationId,
      memberId,
      conversationId: conversation.id,
      role: "user",
      content: "Victim's question about the pipeline",
      status: "complete",
      idempotencyKey: `sweep-${conversation.id}`,
      credits: 1,
    },
    {
      organizationId: victim.organizationId,
      memberId,
      conversationId: conversation.id,
      role: "assistant",
      content: "Victim's answer",
      status: "complete",
    },
  ]);
  return conversation.id;
}

/** A conversation is its member's alone: to anyone else, owners included, it does not exist. */
const ownConversation = (
  input: (s: AssistantSeed) => unknown,
  holds: boolean,
): InOrgRight<AssistantSeed> => ({
  right: "be the conversation's member",
  lacking: ["owner", "admin", "crmMember"],
  ...(holds ? { holder: "member" as const } : {}),
  input,
  refusal: { kind: "hidden" },
});

export const assistantSweep = sweepDomain<AssistantSeed>({
  async seed(victim) {
    await victim.owner.assistant.updateSettings({ enabled: true, creditsPerMessage: 2 });
    return {
      conversationId: await seedConversation(victim, "Victim's pipeline questions"),
      removableId: await seedConversation(victim, "Victim's old conversation"),
    };
  },
  procedures: {
    "assistant.list": { access: "member", input: () => ({ search: "Victim" }) },
    "assistant.get": {
      access: "member",
      input: (s) => ({ id: s.conversationId }),
      missing: () => ({ id: missingId }),
      requires: [ownConversation((s) => ({ id: s.conversationId }), true)],
    },
    "assistant.rename": {
      access: "member",
      input: (s) => ({ id: s.conversationId, title: "Renamed" }),
      missing: () => ({ id: missingId, title: "Renamed" }),
      requires: [ownConversation((s) => ({ id: s.conversationId, title: "Renamed" }), true)],
    },
    "assistant.remove": {
      access: "member",
      input: (s) => ({ id: s.removableId }),
      missing: () => ({ id: missingId }),
      requires: [ownConversation((s) => ({ id: s.removableId }), true)],
    },
    // A question in someone else's conversation is refused before anything is written or spent.
    // No holder: the holder's question would be a model call (assistant-send.test.ts has them).
    "assistant.send": {
      access: "member",
      input: (s) => ({
        conversationId: s.conversationId,
        text: "Hello",
        idempotencyKey: "sweep-send-key",
      }),
      missing: () => ({
        conversationId: missingId,
        text: "Hello",
        idempotencyKey: "sweep-send-key",
      }),
      requires: [
        ownConversation(
          (s) => ({ conversationId: s.conversationId, text: "Hello", idempotencyKey: "sweep-key" }),
          false,
        ),
      ],
    },
    "assistant.settings": { access: "member", input: () => undefined },
    "assistant.updateSettings": {
      access: "admin",
      input: () => ({ enabled: false, creditsPerMessage: 5 }),
    },
  },
});
