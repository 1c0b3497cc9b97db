import { sendAssistantMessageInput } from "@guild/api/schemas/assistant";
import { useNavigate } from "@tanstack/react-router";
import { Pencil, Trash2 } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { Composer } from "../chat/composer.tsx";
import { MessageLog } from "../chat/message-log.tsx";
import { ask } from "./ask.ts";
import { AskFooter, useAskDisabledReason } from "./ask-footer.tsx";
import { reasonMessage } from "./assistant-errors.ts";
import { AssistantMessage, type AssistantTurn } from "./assistant-message.tsx";
import {
  dropLiveAnswer,
  handOverFocus,
  type LiveAnswer,
  liveKey,
  takeFocusHandOver,
  useLiveAnswer,
} from "./live-answers.ts";
import { RenameDialog } from "./rename-dialog.tsx";
import { toolLabel } from "./tool-labels.ts";
import {
  type AssistantConversationDetail,
  type AssistantSavedMessage,
  useAssistantConversation,
  useAssistantMutations,
} from "./use-assistant.ts";

const questionText = sendAssistantMessageInput.shape.text;

function savedTurn(message: AssistantSavedMessage): AssistantTurn {
  return {
    id: message.id,
    role: message.role,
    content: message.content,
    tools: message.toolCalls.map((call) => toolLabel(call.toolName)),
    credits: message.role === "user" ? message.credits : null,
    state: message.status,
    error:
      message.status === "failed"
        ? reasonMessage(message.errorReason, message.error ?? "The assistant could not answer.")
        : null,
  };
}

function liveTurns(live: LiveAnswer): AssistantTurn[] {
  return [
    {
      id: "live-question",
      role: "user",
      content: live.question,
      tools: [],
      credits: live.credits,
      state: "complete",
      error: null,
    },
    {
      id: "live-answer",
      role: "assistant",
      content: live.answer,
      tools: live.tools,
      credits: null,
      state: live.status === "sending" ? "streaming" : live.status,
      error: live.error?.message ?? null,
    },
  ];
}

const isUnderway = (live: LiveAnswer | undefined) =>
  live?.status === "sending" || live?.status === "streaming";

/**
 * The saved history, then the answer still arriving: the live one stands in for the saved rows
 * of its question and answer until history holds both, finished (the server saves the answer as
 * it ends, and the refetch brings it).
 */
function useTurns(slug: string, conversationId: string | null, saved: AssistantSavedMessage[]) {
  const key = liveKey(slug, conversationId);
  const live = useLiveAnswer(key);
  const settled =
    live !== undefined &&
    !isUnderway(live) &&
    saved.length >= live.baseCount + 2 &&
    saved.at(-1)?.status !== "streaming";
  useEffect(() => {
    if (settled) dropLiveAnswer(key);
  }, [settled, key]);
  const turns =
    live && !settled
      ? [...saved.slice(0, live.baseCount).map(savedTurn), ...liveTurns(live)]
      : saved.map(savedTurn);
  return { live: settled ? undefined : live, turns };
}

function ChatLog({ label, turns }: { label: string; turns: AssistantTurn[] }) {
  const last = turns.at(-1);
  return (
    <MessageLog
      label={label}
      count={turns.length}
      // The newest answer grows as it streams: follow it while the reader is at the bottom.
      newestId={last ? `${last.id}:${last.content.length}:${last.state}` : undefined}
      hasOlder={false}
      loadingOlder={false}
      onLoadOlder={() => {}}
      empty="Ask about your leads and pipeline, posts, courses or events."
    >
      {turns.map((turn) => (
        <AssistantMessage key={turn.id} turn={turn} />
      ))}
    </MessageLog>
  );
}

/** A conversation: its history, the answer arriving, the box to ask the next question. */
export function AssistantConversationView({
  slug,
  conversationId,
}: {
  slug: string;
  conversationId: string;
}) {
  const conversation = useAssistantConversation(conversationId);
  if (conversation.isPending) return <LoadingState label="Loading the conversation…" />;
  if (conversation.isError)
    return isNotFound(conversation.error) ? (
      <NotFound
        title="Conversation not found"
        description="It was deleted, or it is not one of yours."
      />
    ) : (
      <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} />
    );
  return <Loaded slug={slug} conversation={conversation.data} />;
}

function Loaded({
  slug,
  conversation,
}: {
  slug: string;
  conversation: AssistantConversationDetail;
}) {
  const navigate = useNavigate();
  const { remove } = useAssistantMutations();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const { live, turns } = useTurns(slug, conversation.id, conversation.messages);
  const disabledReason = useAskDisabledReason();
  const headingId = `assistant-conversation-${conversation.id}`;
  // Arrived here from a new conversation's first question: the question box had the focus on
  // the screen before, so it has it here, for the next question.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeFocusHandOver(conversation.id)) section.current?.querySelector("textarea")?.focus();
  }, [conversation.id]);
  return (
    <section ref={section} aria-labelledby={headingId} className="space-y-2">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="min-w-0 flex-1 truncate text-lg font-semibold">
          {conversation.title}
        </h2>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={() => setRenaming(true)}>
            <Pencil aria-hidden="true" className="size-4" />
            Rename
          </Button>
          <Button size="sm" variant="danger-ghost" onClick={() => setDeleting(true)}>
            <Trash2 aria-hidden="true" className="size-4" />
            Delete
          </Button>
        </div>
      </header>
      <ChatLog label={`Conversation: ${conversation.title}`} turns={turns} />
      <Composer
        label="Ask the assistant"
        disabledReason={disabledReason}
        schema={questionText}
        maxLength={questionText.maxLength ?? undefined}
        onStop={isUnderway(live) ? live?.stop : undefined}
        onSend={(text) =>
          ask({
            slug,
            conversationId: conversation.id,
            text,
            baseCount: conversation.messages.length,
          })
        }
      />
      <AskFooter />
      <RenameDialog
        open={renaming}
        conversation={conversation}
        onClose={() => setRenaming(false)}
      />
      <ConfirmDialog
        open={deleting}
        title="Delete this conversation?"
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => {
          // An answer still arriving stops first: nothing is left to save into.
          live?.stop();
          remove.mutate(
            { id: conversation.id },
            {
              onSuccess: () => {
                setDeleting(false);
                toast.success("Conversation deleted.");
                void navigate({ to: "/o/$slug/assistant", params: { slug } });
              },
            },
          );
        }}
        onClose={() => setDeleting(false)}
      >
        <p>“{conversation.title}” and all its messages are deleted for good.</p>
      </ConfirmDialog>
    </section>
  );
}

/** No conversation open: the first question starts one, and the address moves to it. */
export function NewAssistantConversation({ slug }: { slug: string }) {
  const navigate = useNavigate();
  const { live, turns } = useTurns(slug, null, []);
  const disabledReason = useAskDisabledReason();
  return (
    <section aria-labelledby="assistant-new" className="space-y-2">
      <h2 id="assistant-new" className="text-lg font-semibold">
        New conversation
      </h2>
      <ChatLog label="New conversation" turns={turns} />
      <Composer
        label="Ask the assistant"
        disabledReason={disabledReason}
        schema={questionText}
        maxLength={questionText.maxLength ?? undefined}
        onStop={isUnderway(live) ? live?.stop : undefined}
        onSend={(text) =>
          ask({
            slug,
            conversationId: null,
            text,
            baseCount: 0,
            onConversation: (conversationId) => {
              handOverFocus(conversationId);
              void navigate({
                to: "/o/$slug/assistant/$conversationId",
                params: { slug, conversationId },
              });
            },
          })
        }
      />
      <AskFooter />
    </section>
  );
}
