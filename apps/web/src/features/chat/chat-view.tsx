import type { RouterOutputs } from "@guild/api";
import { useQueries } from "@tanstack/react-query";
import { Fragment } from "react";
import { toast } from "sonner";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { Composer } from "./composer.tsx";
import { MessageItem } from "./message-item.tsx";
import { MessageLog } from "./message-log.tsx";
import { useTypingIn } from "./typing.ts";
import { useChatHistory, useChatMutations } from "./use-chat.ts";

type Space = RouterOutputs["space"]["get"];

/** "Ada is typing…", "Ada and Bo are typing…", "3 people are typing…". */
function typingSentence(names: string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/**
 * Who is typing, by name: from the messages shown when they wrote one, otherwise from the
 * directory (one small query per person, kept for a while).
 */
function TypingLine({ ids, known }: { ids: string[]; known: ReadonlyMap<string, string> }) {
  const trpc = useOrgTRPC();
  const unknown = ids.filter((id) => !known.has(id));
  const looked = useQueries({
    queries: unknown.map((id) => ({
      ...trpc.member.byId.queryOptions({ id }),
      staleTime: 5 * 60_000,
    })),
  });
  const names = ids.map((id) => {
    const found = looked[unknown.indexOf(id)]?.data;
    return known.get(id) ?? found?.displayName ?? found?.name ?? "Someone";
  });
  return (
    <p aria-live="polite" className="h-5 text-xs text-muted-foreground">
      {typingSentence(names)}
    </p>
  );
}

/**
 * Where the member's unread messages start: a line they can find again while they read (its words
 * are read in the list's order, so a screen reader meets it where the eyes do).
 */
function NewMessagesDivider() {
  return (
    <li className="flex items-center gap-2 py-1 text-xs font-medium text-accent-foreground">
      <span aria-hidden="true" className="h-px flex-1 bg-current opacity-40" />
      New messages
      <span aria-hidden="true" className="h-px flex-1 bg-current opacity-40" />
    </li>
  );
}

/**
 * A chat space's screen: the history (older pages on demand), live as the organization's event
 * stream tells of messages, who is typing, and the composer. `newSince` is the member's read mark
 * from before this visit: a "New messages" line stands above the first message someone else
 * wrote after it, and stays there for the visit (the mark itself moves on as they read).
 */
export function ChatView({ space, newSince = null }: { space: Space; newSince?: Date | null }) {
  const { membership } = useCurrentOrganization();
  const history = useChatHistory(space.id);
  const { post, edit, remove, typing, sent } = useChatMutations(space.id);
  const typers = useTypingIn(space.id, membership.memberId);

  if (history.isPending) return <LoadingState label="Loading messages…" />;
  if (history.isError)
    return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;

  const names = new Map<string, string>();
  for (const m of history.messages) if (m.author) names.set(m.author.memberId, m.author.name);
  const newest = history.messages[history.messages.length - 1];
  const firstNewId =
    newSince === null
      ? undefined
      : history.messages.find(
          (m) => m.author?.memberId !== membership.memberId && m.createdAt > newSince,
        )?.id;

  return (
    <section aria-label={`${space.name} chat`} className="space-y-2">
      <MessageLog
        label={`Messages in ${space.name}`}
        count={history.messages.length}
        newestId={newest?.id}
        hasOlder={history.hasNextPage}
        loadingOlder={history.isFetchingNextPage}
        onLoadOlder={() => void history.fetchNextPage()}
        empty="No messages yet. Say hello!"
      >
        {history.messages.map((message) => (
          <Fragment key={message.id}>
            {message.id === firstNewId && <NewMessagesDivider />}
            <MessageItem
              message={message}
              canDelete={message.canDelete}
              onEdit={(body) => edit.mutateAsync({ id: message.id, body })}
              onDelete={() =>
                remove.mutate(
                  { id: message.id },
                  { onError: (error) => toast.error(errorMessage(error)) },
                )
              }
            />
          </Fragment>
        ))}
      </MessageLog>
      <TypingLine ids={typers} known={names} />
      <Composer
        label={`Message ${space.name}`}
        disabledReason={space.archived ? "This space is archived: its chat is read-only." : null}
        onTyping={typing}
        onSend={async (body) => {
          sent();
          await post.mutateAsync({ spaceId: space.id, body });
        }}
      />
    </section>
  );
}
