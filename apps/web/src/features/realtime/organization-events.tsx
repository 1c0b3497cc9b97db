import { type QueryFilters, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { onUnauthorized, organizationTRPC } from "../../lib/trpc.ts";
import { liveHandlers } from "./live-handlers.ts";
import { followOrganizationEvents } from "./shared-stream.ts";

/** Invalidations are gathered this long, so a burst of events refetches each query once. */
const COALESCE_MS = 100;

/**
 * Keeps the organization's cached queries fresh while its screens are open: one event stream
 * per browser (shared-stream.ts), each event mapped by its domain's live handler to the queries
 * it makes stale. Mounted once, inside the organization's layout.
 */
export function OrganizationEvents({ slug }: { slug: string }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const trpc = organizationTRPC(slug);
    const stale = new Map<string, QueryFilters>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Throttled queries (a handler's throttleMs): when each was last refetched, and those
    // waiting for their interval to pass (one timer each; more events meanwhile merge into it).
    const lastRefetch = new Map<string, number>();
    const waiting = new Map<string, ReturnType<typeof setTimeout>>();
    const flush = () => {
      timer = undefined;
      for (const [key, filters] of stale) {
        lastRefetch.set(key, Date.now());
        // A next page on its way (Load more) is kept: refetching now would cancel it, and the
        // click would be lost (the stream's first `ready` often lands in the first second on a
        // busy phone). Such a query is read again once its page has landed, like the rest now.
        const loadingMore = queryClient
          .getQueryCache()
          .findAll(filters)
          .filter((q) => q.state.fetchStatus === "fetching" && q.state.fetchMeta?.fetchMore);
        for (const query of loadingMore)
          void query.promise
            ?.catch(() => undefined)
            .then(() => queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true }));
        void queryClient.invalidateQueries({
          ...filters,
          predicate: (q) => !loadingMore.includes(q) && (filters.predicate?.(q) ?? true),
        });
      }
      stale.clear();
    };
    const mark = (filters: QueryFilters[], throttleMs = 0) => {
      for (const f of filters) {
        const key = JSON.stringify(f.queryKey ?? null);
        const wait = (lastRefetch.get(key) ?? 0) + throttleMs - Date.now();
        if (throttleMs > 0 && wait > COALESCE_MS) {
          if (!waiting.has(key))
            waiting.set(
              key,
              setTimeout(() => {
                waiting.delete(key);
                stale.set(key, f);
                timer ??= setTimeout(flush, 0);
              }, wait),
            );
        } else {
          // Anything else (a comment written) is not held back by a storm's interval.
          clearTimeout(waiting.get(key));
          waiting.delete(key);
          stale.set(key, f);
        }
      }
      if (stale.size > 0) timer ??= setTimeout(flush, COALESCE_MS);
    };
    const stop = followOrganizationEvents(slug, {
      onEvent: ({ data: event }) => {
        // A fresh stream, or one whose position was lost: what was fetched before it may be
        // stale, so everything of this organization is.
        if (event.kind === "ready" || event.kind === "resync") {
          mark([{ queryKey: trpc.pathKey() }]);
          return;
        }
        for (const handler of liveHandlers)
          if (event.kind.startsWith(handler.prefix)) {
            handler.heard?.(event);
            mark(handler.stale(event, trpc), handler.throttleMs?.(event));
          }
      },
      onError: (code, error) => {
        if (code === "UNAUTHORIZED") onUnauthorized(error ?? { data: { code } });
        // No longer a member: the layout asks again and shows Not found.
        else if (code === "NOT_FOUND" || code === "FORBIDDEN")
          void queryClient.invalidateQueries(trpc.organization.current.queryFilter());
      },
    });
    return () => {
      stop();
      clearTimeout(timer);
      for (const waited of waiting.values()) clearTimeout(waited);
    };
  }, [slug, queryClient]);
  return null;
}
