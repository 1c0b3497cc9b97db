// Unread marks (space.unread, space.markRead): the sidebar's counts, and the mark a feed compares
// posts with to call them "New".
import type { RouterOutputs } from "@guild/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type SpaceUnread = RouterOutputs["space"]["unread"][number];

/** Each visible space's mark and unread count (live: features/spaces/live.ts). */
export function useSpaceUnread() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.space.unread.queryOptions());
}

/** The sidebar's words for a count: "3", and "9+" where the server stops counting (10). */
export function unreadBadge(unread: number): string {
  return unread >= 10 ? "9+" : String(unread);
}

/** Its accessible name's part: "3 unread", "more than 9 unread". */
export function unreadLabel(unread: number): string {
  return unread >= 10 ? "more than 9 unread" : `${unread} unread`;
}

/**
 * Marks the space read while its page is open: once on opening, and again whenever something new
 * arrives in it (live) while the member is looking. Answers the mark from before this visit, so
 * what the member had not seen yet still says "New" until they leave (null until known).
 */
export function useMarkSpaceRead(spaceId: string, enabled: boolean): Date | null {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const unread = useSpaceUnread();
  const [since, setSince] = useState<{ spaceId: string; at: Date } | null>(null);
  const markRead = useMutation(
    trpc.space.markRead.mutationOptions({
      onSuccess: (result) => {
        setSince((known) =>
          known?.spaceId === result.spaceId
            ? known
            : { spaceId: result.spaceId, at: result.previousReadAt },
        );
        void queryClient.invalidateQueries(trpc.space.unread.queryFilter());
      },
    }),
  );
  const { mutate } = markRead;
  const opened = useRef<string | null>(null);
  const count = unread.data?.find((row) => row.spaceId === spaceId)?.unread ?? 0;
  useEffect(() => {
    if (!enabled) return;
    if (opened.current !== spaceId) {
      opened.current = spaceId;
      mutate({ spaceId });
    } else if (count > 0) mutate({ spaceId });
  }, [enabled, spaceId, count, mutate]);
  return since?.spaceId === spaceId ? since.at : null;
}
