import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { inputClass } from "../../components/field.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";
import { useAssistantConversations } from "./use-assistant.ts";

/** The member's conversations with the assistant, most recent first, searchable. */
export function ConversationList({ slug, activeId }: { slug: string; activeId?: string }) {
  const [search, setSearch] = useState("");
  const searched = useDebouncedValue(search.trim(), 300);
  const conversations = useAssistantConversations(searched);
  const items = conversations.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <nav aria-label="Assistant conversations" className="space-y-2">
      <label className="block">
        <span className="sr-only">Search conversations</span>
        <input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Search conversations"
          className={inputClass}
        />
      </label>
      {conversations.isPending ? (
        <LoadingState label="Loading conversations…" />
      ) : conversations.isError ? (
        <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
      ) : items.length === 0 ? (
        searched ? (
          <EmptyState title="Nothing found">No conversation mentions “{searched}”.</EmptyState>
        ) : (
          <EmptyState title="No conversations yet">
            Ask the assistant something to start one.
          </EmptyState>
        )
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
          {items.map((conversation) => (
            <li key={conversation.id}>
              <Link
                to="/o/$slug/assistant/$conversationId"
                params={{ slug, conversationId: conversation.id }}
                aria-current={conversation.id === activeId ? "page" : undefined}
                className="block px-3 py-2.5 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring aria-[current=page]:bg-muted"
              >
                <span className="block truncate text-sm text-foreground">{conversation.title}</span>
                <span className="block text-xs text-muted-foreground">
                  {formatDateTime(conversation.lastMessageAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={conversations} failure="The next conversations did not load." />
    </nav>
  );
}
