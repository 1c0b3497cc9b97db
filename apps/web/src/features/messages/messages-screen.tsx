import { Link } from "@tanstack/react-router";
import { ArrowLeft, SquarePen } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { ConversationView } from "./conversation-view.tsx";
import { NewConversationDialog } from "./new-conversation-dialog.tsx";
import { conversationTitle, useConversations } from "./use-messages.ts";

/**
 * Direct messages: my conversations (latest first, unread ones marked) beside the open one. On a
 * phone, one at a time: the list, or the conversation with a way back.
 */
export function MessagesScreen({
  slug,
  conversationId,
}: {
  slug: string;
  conversationId?: string;
}) {
  const [starting, setStarting] = useState(false);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Messages"
        actions={
          <Button onClick={() => setStarting(true)}>
            <SquarePen aria-hidden="true" className="size-4" />
            New message
          </Button>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <div className={conversationId ? "hidden lg:block" : ""}>
          <ConversationList slug={slug} activeId={conversationId} />
        </div>
        {conversationId ? (
          <div className="min-w-0 space-y-2">
            <Link
              to="/o/$slug/messages"
              params={{ slug }}
              className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground lg:hidden"
            >
              <ArrowLeft aria-hidden="true" className="size-4" />
              All conversations
            </Link>
            <ConversationView key={conversationId} slug={slug} conversationId={conversationId} />
          </div>
        ) : (
          <div className="hidden lg:block">
            <EmptyState title="Choose a conversation">
              Or start a new one with someone in the organization.
            </EmptyState>
          </div>
        )}
      </div>
      <NewConversationDialog slug={slug} open={starting} onClose={() => setStarting(false)} />
    </div>
  );
}

function ConversationList({ slug, activeId }: { slug: string; activeId: string | undefined }) {
  const conversations = useConversations();
  if (conversations.isPending) return <LoadingState label="Loading conversations…" />;
  if (conversations.isError)
    return <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />;
  const items = conversations.data.pages.flatMap((page) => page.items);
  if (items.length === 0)
    return <EmptyState title="No conversations yet">Write to someone with New message.</EmptyState>;
  return (
    <nav aria-label="Conversations" className="space-y-2">
      <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
        {items.map((conversation) => {
          const title = conversationTitle(conversation);
          const preview = conversation.lastMessage
            ? conversation.lastMessage.deleted
              ? "Message deleted"
              : `${conversation.lastMessage.mine ? "You: " : ""}${conversation.lastMessage.body}`
            : "No messages yet";
          return (
            <li key={conversation.id}>
              <Link
                to="/o/$slug/messages/$conversationId"
                params={{ slug, conversationId: conversation.id }}
                aria-current={conversation.id === activeId ? "page" : undefined}
                className="flex items-start gap-2 px-3 py-2.5 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring aria-[current=page]:bg-muted"
              >
                <span className="min-w-0 flex-1">
                  <span
                    className={`block truncate text-sm ${conversation.unread > 0 ? "font-semibold text-foreground" : "text-foreground"}`}
                  >
                    {title}
                    {conversation.unread > 0 && (
                      <span className="sr-only">, {conversation.unread} unread</span>
                    )}
                  </span>
                  <span className="block truncate text-xs text-muted-foreground">{preview}</span>
                </span>
                {conversation.unread > 0 && (
                  <span
                    aria-hidden="true"
                    className="min-w-5 rounded-full bg-primary px-1.5 text-center text-xs leading-5 font-semibold text-primary-foreground tabular-nums"
                  >
                    {conversation.unread > 99 ? "99+" : conversation.unread}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
      {conversations.hasNextPage && (
        <Button
          variant="secondary"
          size="sm"
          pending={conversations.isFetchingNextPage}
          onClick={() => void conversations.fetchNextPage()}
        >
          Load more conversations
        </Button>
      )}
    </nav>
  );
}
