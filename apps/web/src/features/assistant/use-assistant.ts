import type { RouterOutputs } from "@guild/api";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type AssistantConversation = RouterOutputs["assistant"]["list"]["items"][number];
export type AssistantConversationDetail = RouterOutputs["assistant"]["get"];
export type AssistantSavedMessage = AssistantConversationDetail["messages"][number];

/** The member's conversations, most recent first; `search` finds words of titles and messages. */
export function useAssistantConversations(search: string) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.assistant.list.infiniteQueryOptions(
      { limit: 30, ...(search ? { search } : {}) },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
}

export function useAssistantConversation(id: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.assistant.get.queryOptions({ id }));
}

/** Whether the model is there at all (the server's configuration) and what it is called. */
export function useAiStatus() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.ai.status.queryOptions());
}

export function useAssistantMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const options = { onSuccess: () => queryClient.invalidateQueries(trpc.assistant.pathFilter()) };
  return {
    rename: useMutation(trpc.assistant.rename.mutationOptions(options)),
    remove: useMutation(trpc.assistant.remove.mutationOptions(options)),
  };
}

export function useAssistantSettings() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.assistant.settings.queryOptions());
}

export function useUpdateAssistantSettings() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.assistant.updateSettings.mutationOptions({
      onSuccess: (settings) =>
        queryClient.setQueryData(trpc.assistant.settings.queryKey(), settings),
    }),
  );
}

export type AssistantSettings = RouterOutputs["assistant"]["settings"];
