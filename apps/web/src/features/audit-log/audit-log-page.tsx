// The frame both audit logs share, the organization's (admins) and the console's (platform
// admins): a header, the loading, error and empty states, the entries newest first, and Load more.
// Each screen says what an entry is in its own words.
import type { ReactNode } from "react";
import { PageHeader } from "../../components/card.tsx";
import { LoadOnScroll } from "../../components/load-on-scroll.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";

/** The parts of an infinite query (useInfiniteQuery) the frame reads. */
export interface PagedLog<Entry> {
  data: { pages: { items: Entry[] }[] } | undefined;
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => unknown;
}

export function AuditLogPage<Entry extends { id: string }>({
  title = "Audit log",
  toolbar,
  log,
  description,
  empty,
  entry,
}: {
  /** The page's heading (the learning activity log shares this frame). */
  title?: string;
  /** Filters between the header and the entries. */
  toolbar?: ReactNode;
  log: PagedLog<Entry>;
  description: string;
  /** What the empty log says will be listed. */
  empty: ReactNode;
  /** An entry's lines, inside its list item. */
  entry: (row: Entry) => ReactNode;
}) {
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader title={title} description={description} />
      {toolbar}
      {log.isPending ? (
        <LoadingState label={`Loading the ${title.toLowerCase()}…`} />
      ) : log.error ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="Nothing yet">{empty}</EmptyState>
      ) : (
        <section aria-label={title}>
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface shadow-sm">
            {rows.map((row) => (
              <li key={row.id} className="px-4 py-3 sm:px-6">
                {entry(row)}
              </li>
            ))}
          </ul>
          {log.hasNextPage && (
            <LoadOnScroll
              loading={log.isFetchingNextPage}
              error={log.isFetchNextPageError}
              noun="entries"
              onLoadMore={() => void log.fetchNextPage()}
            />
          )}
        </section>
      )}
    </>
  );
}
