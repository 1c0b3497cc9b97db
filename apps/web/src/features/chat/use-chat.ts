import type { RouterOutputs } from "@guild/api";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type ChatMessage = RouterOutputs["chat"]["history"]["items"][number];

const PAGE = 40;
/** The server drops repeats within its interval anyway (services/chat.ts TYPING_INTERVAL_MS). */
const TYPING_INTERVAL_MS = 3_000;

/**
 * A chat space's history: pages newest first, older ones loaded on demand. `messages` is oldest
 * first for the screen, each message once by id: a message can be in two pages while a refetch
 * runs (a new one shifts every page), and the one from the newest page wins.
 */
export function useChatHistory(spaceId: string) {
  const trpc = useOrgTRPC();
  const query = useInfiniteQuery(
    trpc.chat.history.infiniteQueryOptions(
      { spaceId, limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const messages = useMemo(() => {
    const byId = new Map<string, ChatMessage>();
    for (const page of query.data?.pages ?? [])
      for (const message of page.items) if (!byId.has(message.id)) byId.set(message.id, message);
    return [...byId.values()].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
    );
  }, [query.data]);
  return { ...query, messages };
}

export function useChatMutations(spaceId: string) {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const historyKey = trpc.chat.history.infiniteQueryKey({ spaceId, limit: PAGE });
  // Shown at once in the newest page; the live event's refetch then brings the same id, which
  // the list shows once.
  const post = useMutation(
    trpc.chat.post.mutationOptions({
      onSuccess: (message) => {
        queryClient.setQueryData(historyKey, (data) => {
          if (!data) return data;
          const [first, ...rest] = data.pages;
          if (!first || first.items.some((m) => m.id === message.id)) return data;
          return { ...data, pages: [{ ...first, items: [message, ...first.items] }, ...rest] };
        });
      },
    }),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.chat.history.pathFilter());
  const edit = useMutation(trpc.chat.edit.mutationOptions({ onSuccess: () => refresh() }));
  const remove = useMutation(trpc.chat.remove.mutationOptions({ onSuccess: () => refresh() }));
  const typingMutation = useMutation(trpc.chat.typing.mutationOptions());
  const lastTyping = useRef(0);
  const typing = () => {
    const now = Date.now();
    if (now - lastTyping.current < TYPING_INTERVAL_MS) return;
    lastTyping.current = now;
    typingMutation.mutate({ spaceId });
  };
  const sent = () => {
    lastTyping.current = 0;
  };
  return { post, edit, remove, typing, sent };
}
