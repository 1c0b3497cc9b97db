import { useNavigate } from "@tanstack/react-router";
import { UserPlus, Users } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { Composer } from "../chat/composer.tsx";
import { MessageItem } from "../chat/message-item.tsx";
import { MessageLog } from "../chat/message-log.tsx";
import { NewConversationDialog } from "./new-conversation-dialog.tsx";
import { PeopleDialog } from "./people-dialog.tsx";
import {
  type Conversation,
  conversationTitle,
  type DirectMessage,
  useConversation,
  useConversationHistory,
  useDirectMessageMutations,
} from "./use-messages.ts";

/**
 * One conversation: its messages (older on demand, live), the composer, and for a one-to-one
 * conversation Block / Unblock, for a group its People. What is shown is marked read while it is
 * open.
 */
export function ConversationView({
  slug,
  conversationId,
}: {
  slug: string;
  conversationId: string;
}) {
  const conversation = useConversation(conversationId);
  if (conversation.isPending) return <LoadingState label="Loading conversation…" />;
  if (conversation.isError)
    return isNotFound(conversation.error) ? (
      <NotFound
        title="Conversation not found"
        description="There is no conversation here that you are part of."
      />
    ) : (
      <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} />
    );
  return <Loaded slug={slug} conversation={conversation.data} />;
}

/** "Ada added Ben": a change to the group, between the messages, that no one edits. */
function SystemLine({ message }: { message: DirectMessage }) {
  return (
    <li
      className="px-1 py-1.5 text-center text-xs text-muted-foreground"
      data-message-id={message.id}
    >
      {message.body}{" "}
      <time dateTime={message.createdAt.toISOString()}>· {formatDateTime(message.createdAt)}</time>
    </li>
  );
}

function Loaded({ slug, conversation }: { slug: string; conversation: Conversation }) {
  const history = useConversationHistory(conversation.id);
  const { send, edit, remove, markRead, block, unblock } = useDirectMessageMutations();
  const [blocking, setBlocking] = useState(false);
  const [showingPeople, setShowingPeople] = useState(false);
  const [startingGroup, setStartingGroup] = useState(false);
  const navigate = useNavigate();
  const title = conversationTitle(conversation);
  const other = !conversation.group ? conversation.others[0] : undefined;

  // Read while open: whenever something unread shows up here.
  const { mutate: markReadNow } = markRead;
  useEffect(() => {
    if (conversation.unread > 0) markReadNow({ conversationId: conversation.id });
  }, [conversation.unread, conversation.id, markReadNow]);

  const newest = history.messages[history.messages.length - 1];
  return (
    <section aria-labelledby={`conversation-${conversation.id}`} className="space-y-2">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2
          id={`conversation-${conversation.id}`}
          className="min-w-0 truncate text-lg font-semibold"
        >
          {title}
        </h2>
        {conversation.group && (
          <Button size="sm" variant="secondary" onClick={() => setShowingPeople(true)}>
            <Users aria-hidden="true" className="size-4" />
            People ({conversation.others.length + 1})
          </Button>
        )}
        {other && !conversation.blockedByMe && (
          <Button size="sm" variant="secondary" onClick={() => setStartingGroup(true)}>
            <UserPlus aria-hidden="true" className="size-4" />
            Start a group
          </Button>
        )}
        {other &&
          (conversation.blockedByMe ? (
            <Button
              size="sm"
              variant="secondary"
              pending={unblock.isPending}
              onClick={() =>
                unblock.mutate(
                  { memberId: other.memberId },
                  {
                    onSuccess: () => toast.success(`You unblocked ${other.name}.`),
                    onError: (error) => toast.error(errorMessage(error)),
                  },
                )
              }
            >
              Unblock {other.name}
            </Button>
          ) : (
            <Button size="sm" variant="danger-ghost" onClick={() => setBlocking(true)}>
              Block {other.name}
            </Button>
          ))}
      </header>
      {history.isPending ? (
        <LoadingState label="Loading messages…" />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <MessageLog
          label={`Messages with ${title}`}
          count={history.messages.length}
          newestId={newest?.id}
          hasOlder={history.hasNextPage}
          loadingOlder={history.isFetchingNextPage}
          onLoadOlder={() => void history.fetchNextPage()}
          empty="No messages yet."
        >
          {history.messages.map((message) =>
            message.system ? (
              <SystemLine key={message.id} message={message} />
            ) : (
              <MessageItem
                key={message.id}
                message={message}
                canDelete={message.mine}
                onEdit={(body) => edit.mutateAsync({ id: message.id, body })}
                onDelete={() =>
                  remove.mutate(
                    { id: message.id },
                    { onError: (error) => toast.error(errorMessage(error)) },
                  )
                }
              />
            ),
          )}
        </MessageLog>
      )}
      <Composer
        label={`Message ${title}`}
        disabledReason={
          conversation.blockedByMe && other
            ? `You blocked ${other.name}. Unblock them to send messages.`
            : null
        }
        onSend={(body) => send.mutateAsync({ conversationId: conversation.id, body })}
      />
      {conversation.group && (
        <PeopleDialog
          conversation={conversation}
          open={showingPeople}
          onClose={() => setShowingPeople(false)}
          onLeft={() => void navigate({ to: "/o/$slug/messages", params: { slug } })}
        />
      )}
      {other && (
        <NewConversationDialog
          slug={slug}
          open={startingGroup}
          onClose={() => setStartingGroup(false)}
          withPerson={other}
        />
      )}
      {other && (
        <ConfirmDialog
          open={blocking}
          title={`Block ${other.name}?`}
          confirmLabel="Block"
          pending={block.isPending}
          error={block.error ? errorMessage(block.error) : null}
          onConfirm={() =>
            block.mutate(
              { memberId: other.memberId },
              {
                onSuccess: () => {
                  setBlocking(false);
                  toast.success(`You blocked ${other.name}.`);
                },
              },
            )
          }
          onClose={() => setBlocking(false)}
        >
          <p>
            They will not be able to start a conversation with you or send you messages. You can
            unblock them here at any time.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
