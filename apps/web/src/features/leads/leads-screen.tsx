import { can } from "@guild/api/policies/lead";
import { Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button, ButtonLink, buttonClass } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { CompactMoney } from "../../components/money.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useShortcut } from "../shell/shortcuts.tsx";
import { LeadFilters } from "./lead-filters.tsx";
import { StatusBadge, sourceLabel } from "./lead-labels.tsx";
import type { LeadListSearch } from "./lead-list-search.ts";
import { LeadViews } from "./lead-views.tsx";
import {
  type LeadListInput,
  useDeletedLeadsToast,
  useLeadList,
  useRemoveLeads,
} from "./use-leads.ts";

const PAGE_SIZE = 25;

export function LeadsScreen({
  search,
  onSearchChange,
}: {
  search: LeadListSearch;
  onSearchChange: (next: LeadListSearch) => void;
}) {
  const organization = useCurrentOrganization();
  const slug = organization.slug;
  const canDelete = can(organization.membership, "delete");
  const navigate = useNavigate();
  useShortcut("/", "Search leads", () => document.getElementById("lead-search")?.focus());
  useShortcut("c", "New lead", () => void navigate({ to: "/o/$slug/leads/new", params: { slug } }));
  const input: LeadListInput = {
    search: search.q || undefined,
    status: search.status,
    source: search.source,
    ownerMemberId: search.owner,
    sort: search.sort ?? "createdAt",
    order: search.dir ?? "desc",
    limit: PAGE_SIZE,
  };
  const leads = useLeadList(input);
  const remove = useRemoveLeads();
  const items = useMemo(() => leads.data?.pages.flatMap((page) => page.items) ?? [], [leads.data]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const announceDeleted = useDeletedLeadsToast();
  // Where focus goes after a delete: the button that did it went away with the selection bar.
  const results = useRef<HTMLElement>(null);
  const [deletedAt, setDeletedAt] = useState(0);
  useEffect(() => {
    if (!deletedAt) return;
    // After the commit that closed the confirmation (a child's effect, run before this one), and
    // a frame later: the closing dialog keeps the page inert (unfocusable) until it has closed.
    const frame = requestAnimationFrame(() => results.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [deletedAt]);
  const filtered = Boolean(
    search.q || search.status?.length || search.source?.length || search.owner,
  );

  // A selection only ever holds leads the table shows: a new filter drops the others.
  useEffect(() => {
    setSelected((previous) => {
      const visible = new Set(items.map((lead) => lead.id));
      const kept = [...previous].filter((id) => visible.has(id));
      return kept.length === previous.size ? previous : new Set(kept);
    });
  }, [items]);

  const allSelected = items.length > 0 && items.every((lead) => selected.has(lead.id));
  const toggle = (id: string, on: boolean) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  return (
    <>
      <PageHeader
        title="Leads"
        description="Everyone your organization is talking to."
        actions={
          <>
            {/* A download: the server streams the current filter as CSV (GET /api/export/leads.csv). */}
            <a
              href={leadsCsvUrl(slug, input)}
              download
              className={buttonClass("secondary")}
              title={filtered ? "The leads of this filter, as CSV" : "Every lead, as CSV"}
            >
              Export CSV
            </a>
            <ButtonLink to="/o/$slug/leads/import" params={{ slug }} variant="secondary">
              Import
            </ButtonLink>
            <ButtonLink to="/o/$slug/leads/new" params={{ slug }}>
              New lead
            </ButtonLink>
          </>
        }
      />
      <div className="space-y-4">
        <LeadViews search={search} onApply={(next) => onSearchChange(next)} />
        <LeadFilters search={search} onChange={onSearchChange} />

        {canDelete && selected.size > 0 && (
          <div className="flex flex-wrap items-center gap-3 rounded-md bg-indigo-50 px-2 py-2 sm:px-3 text-sm text-indigo-900 ring-1 ring-indigo-200">
            <span role="status">{selected.size} selected</span>
            <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
              Delete selected
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          </div>
        )}

        <section ref={results} tabIndex={-1} aria-label="Lead list" className="outline-none">
          {leads.isPending ? (
            <LoadingState label="Loading leads…" />
          ) : leads.error ? (
            <ErrorState error={leads.error} onRetry={() => void leads.refetch()} />
          ) : items.length === 0 ? (
            filtered ? (
              <EmptyState title="No leads match these filters">
                Try another search or clear the filters.
              </EmptyState>
            ) : (
              <EmptyState
                title="No leads yet"
                action={
                  <ButtonLink to="/o/$slug/leads/new" params={{ slug }} variant="secondary">
                    Add your first lead
                  </ButtonLink>
                }
              >
                Add the people and companies you are selling to, then work them through the
                pipeline.
              </EmptyState>
            )
          ) : (
            <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Leads, {sortCaption(search)}</caption>
                <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  <tr>
                    {canDelete && (
                      <th scope="col" className="w-10 px-2 py-2 sm:px-3">
                        <input
                          type="checkbox"
                          className="size-4 rounded border-slate-300"
                          aria-label="Select all loaded leads"
                          checked={allSelected}
                          onChange={(e) => {
                            setSelected(
                              e.target.checked ? new Set(items.map((lead) => lead.id)) : new Set(),
                            );
                          }}
                        />
                      </th>
                    )}
                    <th
                      scope="col"
                      className="px-2 py-2 sm:px-3"
                      aria-sort={ariaSort(search, "name")}
                    >
                      Name
                    </th>
                    <th scope="col" className="hidden px-2 py-2 sm:px-3 md:table-cell">
                      Company
                    </th>
                    <th scope="col" className="px-2 py-2 sm:px-3">
                      Status
                    </th>
                    <th
                      scope="col"
                      className="px-2 py-2 sm:px-3 text-right"
                      aria-sort={ariaSort(search, "value")}
                    >
                      Value
                    </th>
                    <th scope="col" className="hidden px-2 py-2 sm:px-3 lg:table-cell">
                      Owner
                    </th>
                    <th scope="col" className="hidden px-2 py-2 sm:px-3 lg:table-cell">
                      Source
                    </th>
                    <th
                      scope="col"
                      className="hidden px-2 py-2 sm:px-3 sm:table-cell"
                      aria-sort={ariaSort(search, "createdAt")}
                    >
                      Added
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {items.map((lead) => (
                    <tr
                      key={lead.id}
                      className={selected.has(lead.id) ? "bg-indigo-50/50" : "hover:bg-slate-50"}
                    >
                      {canDelete && (
                        <td className="px-2 py-2 sm:px-3">
                          <input
                            type="checkbox"
                            className="size-4 rounded border-slate-300"
                            aria-label={`Select ${lead.name}`}
                            checked={selected.has(lead.id)}
                            onChange={(e) => toggle(lead.id, e.target.checked)}
                          />
                        </td>
                      )}
                      <td className="max-w-[8rem] px-2 py-2 sm:max-w-[16rem] sm:px-3">
                        <Link
                          to="/o/$slug/leads/$leadId"
                          params={{ slug, leadId: lead.id }}
                          className="block truncate font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                        >
                          {lead.name}
                        </Link>
                        <span className="block truncate text-xs text-slate-500">
                          {lead.email ?? lead.company ?? ""}
                        </span>
                      </td>
                      <td className="hidden max-w-[12rem] truncate px-2 py-2 sm:px-3 text-slate-700 md:table-cell">
                        {lead.company ?? "—"}
                      </td>
                      <td className="px-2 py-2 sm:px-3">
                        <StatusBadge status={lead.status} />
                      </td>
                      <td className="px-2 py-2 sm:px-3 text-right whitespace-nowrap tabular-nums">
                        <CompactMoney cents={lead.valueCents} />
                      </td>
                      <td className="hidden px-2 py-2 sm:px-3 text-slate-700 lg:table-cell">
                        {lead.ownerName ?? "—"}
                      </td>
                      <td className="hidden px-2 py-2 sm:px-3 text-slate-700 lg:table-cell">
                        {sourceLabel(lead.source)}
                      </td>
                      <td className="hidden px-2 py-2 sm:px-3 whitespace-nowrap text-slate-600 sm:table-cell">
                        {formatDate(lead.createdAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {leads.hasNextPage && (
          <LoadMore
            loading={leads.isFetchingNextPage}
            error={leads.isFetchNextPageError}
            onLoadMore={() => void leads.fetchNextPage()}
          />
        )}
      </div>

      <ConfirmDialog
        open={confirming}
        title={selected.size === 1 ? "Delete 1 lead?" : `Delete ${selected.size} leads?`}
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setConfirming(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(
            { ids: [...selected] },
            {
              onSuccess: ({ ids }) => {
                setSelected(new Set());
                setConfirming(false);
                announceDeleted(ids, ids.length === 1 ? "1 lead" : `${ids.length} leads`);
                setDeletedAt(Date.now());
              },
            },
          )
        }
      >
        <p>
          The leads are removed for everyone in {organization.name}. You can undo it right after.
        </p>
      </ConfirmDialog>
    </>
  );
}

/**
 * Loads the next page when the end of the table scrolls into view, with a button for keyboards,
 * screen readers and browsers without IntersectionObserver.
 */
function LoadMore({
  loading,
  error,
  onLoadMore,
}: {
  loading: boolean;
  error: boolean;
  onLoadMore: () => void;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const load = useRef(onLoadMore);
  load.current = onLoadMore;

  // A new observer after every page: it reports at once if the end is still in view (a tall
  // screen), so pages keep coming until it is not. After a failure, the button retries.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || loading || error || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) load.current();
      },
      { rootMargin: "300px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [loading, error]);

  return (
    <div ref={sentinel} className="flex flex-col items-center gap-2 py-4">
      {error && <p className="text-sm text-red-700">Could not load more leads.</p>}
      <Button variant="secondary" onClick={onLoadMore} pending={loading}>
        {loading ? "Loading…" : "Load more"}
      </Button>
    </div>
  );
}

function ariaSort(search: LeadListSearch, field: NonNullable<LeadListSearch["sort"]>) {
  if ((search.sort ?? "createdAt") !== field) return undefined;
  return (search.dir ?? "desc") === "asc" ? "ascending" : "descending";
}

function sortCaption(search: LeadListSearch): string {
  const field = { createdAt: "date added", updatedAt: "last update", name: "name", value: "value" }[
    search.sort ?? "createdAt"
  ];
  return `sorted by ${field}, ${(search.dir ?? "desc") === "asc" ? "ascending" : "descending"}`;
}

/** The CSV export of what the list shows: same filters and order, every page. */
function leadsCsvUrl(slug: string, input: LeadListInput): string {
  const { limit: _limit, ...filters } = input;
  const query = new URLSearchParams({ org: slug, input: JSON.stringify(filters) });
  return `/api/export/leads.csv?${query}`;
}
