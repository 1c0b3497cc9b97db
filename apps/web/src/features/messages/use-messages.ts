import type { RouterOutputs } from "@guild/api";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type Conversation = RouterOutputs["directMessage"]["get"];
export type DirectMessage = RouterOutputs["directMessage"]["history"]["items"][number];

const PAGE = 40;

/** My unread direct messages (live through the event stream): the sidebar's badge. */
export function useUnreadDirectMessages() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.directMessage.unread.queryOptions());
}

export function useConversations() {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.directMessage.conversations.infiniteQueryOptions(
      { limit: 30 },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
}

export function useConversation(conversationId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.directMessage.get.queryOptions({ conversationId }));
}

/** A conversation's messages, oldest first, each once by id (see features/chat/use-chat.ts). */
export function useConversationHistory(conversationId: string) {
  const trpc = useOrgTRPC();
  const query = useInfiniteQuery(
    trpc.directMessage.history.infiniteQueryOptions(
      { conversationId, limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const messages = useMemo(() => {
    const byId = new Map<string, DirectMessage>();
    for (const page of query.data?.pages ?? [])
      for (const message of page.items) if (!byId.has(message.id)) byId.set(message.id, message);
    return [...byId.values()].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
    );
  }, [query.data]);
  return { ...query, messages };
}

export function useDirectMessageMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.directMessage.pathFilter());
  const options = { onSuccess: () => refresh() };
  return {
    start: useMutation(trpc.directMessage.start.mutationOptions(options)),
    send: useMutation(trpc.directMessage.send.mutationOptions(options)),
    edit: useMutation(trpc.directMessage.edit.mutationOptions(options)),
    remove: useMutation(trpc.directMessage.remove.mutationOptions(options)),
    markRead: useMutation(trpc.directMessage.markRead.mutationOptions(options)),
    block: useMutation(trpc.directMessage.block.mutationOptions(options)),
    unblock: useMutation(trpc.directMessage.unblock.mutationOptions(options)),
    addPeople: useMutation(trpc.directMessage.addPeople.mutationOptions(options)),
    removePerson: useMutation(trpc.directMessage.removePerson.mutationOptions(options)),
    leave: useMutation(trpc.directMessage.leave.mutationOptions(options)),
  };
}

/** "Ada", "Ada and Bo", "Ada, Bo and Cy". */
export function conversationTitle(conversation: Pick<Conversation, "others">): string {
  const names = conversation.others.map((p) => p.name);
  if (names.length === 0) return "Former members";
  if (names.length === 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
