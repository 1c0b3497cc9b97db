import { can } from "@guild/api/policies/lead";
import { leadTableColumns } from "@guild/api/schemas/lead-constants";
import { leadSortFields } from "@guild/api/schemas/lead-sort";
import { useNavigate } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ButtonLink, buttonClass } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { ColumnsMenu } from "../../components/data-table/columns-menu.tsx";
import { DataTable } from "../../components/data-table/data-table.tsx";
import { SelectionBar } from "../../components/data-table/selection-bar.tsx";
import { useRowSelection } from "../../components/data-table/use-row-selection.ts";
import { deferred } from "../../components/deferred.tsx";
import { LoadOnScroll } from "../../components/load-on-scroll.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { useHiddenColumns } from "../data-table/use-table-preference.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useShortcut } from "../shell/shortcuts.tsx";
import { LeadCard, type LeadRow, leadColumnLabels, leadColumns } from "./lead-columns.tsx";
import { LeadFilters } from "./lead-filters.tsx";
import { type LeadListSearch, leadListFilter, leadListInput } from "./lead-list-search.ts";
import { viewsTriggerClass } from "./lead-views-trigger.ts";
import { type LeadListInput, useLeadCount, useLeadList } from "./use-leads.ts";

// The saved views' menu and the selection's actions (menus, dialogs and their libraries) load
// after the list's first paint, in chunks of their own.
const LeadViews = deferred(
  () => import("./lead-views.tsx").then((m) => m.LeadViews),
  () => (
    <div className="flex min-w-0 flex-wrap items-center gap-2">
      <div inert className={viewsTriggerClass}>
        <span className="truncate">Views</span>
        <span aria-hidden="true" className="text-muted-foreground">
          ▾
        </span>
      </div>
    </div>
  ),
);
const LeadBulkActions = deferred(() =>
  import("./lead-bulk-actions.tsx").then((m) => m.LeadBulkActions),
);

export function LeadsScreen({
  search,
  onSearchChange,
}: {
  search: LeadListSearch;
  onSearchChange: (next: LeadListSearch) => void;
}) {
  const organization = useCurrentOrganization();
  const slug = organization.slug;
  const canWrite = can(organization.membership, "write");
  const canDelete = can(organization.membership, "delete");
  const navigate = useNavigate();
  useShortcut("/", "Search leads", () => document.getElementById("lead-search")?.focus());
  // Where focus goes after a delete: the button that did it went away with the selection bar.
  const results = useRef<HTMLElement>(null);
  // From anywhere on the page into the table; on a row, the row's own keys take over.
  useShortcut("j", "Go to the lead rows (then j/k move, Enter opens, x selects)", () =>
    results.current?.querySelector<HTMLElement>('[data-row-index][tabindex="0"]')?.focus(),
  );
  useShortcut("c", "New lead", () => void navigate({ to: "/o/$slug/leads/new", params: { slug } }));
  const filter = leadListFilter(search);
  const sort = { column: search.sort ?? "createdAt", desc: (search.dir ?? "desc") === "desc" };
  const input = leadListInput(search);
  const leads = useLeadList(input);
  const count = useLeadCount(filter);
  const columnChoice = useHiddenColumns("leads");
  const items = useMemo(() => leads.data?.pages.flatMap((page) => page.items) ?? [], [leads.data]);
  const loadedIds = useMemo(() => items.map((lead) => lead.id), [items]);
  const selection = useRowSelection(loadedIds, JSON.stringify(filter));
  const columns = useMemo(() => leadColumns(slug), [slug]);
  const hidden = columnChoice.hidden;
  const visibleColumns = useMemo(
    () => ["name", ...leadTableColumns.filter((id) => !hidden.includes(id))],
    [hidden],
  );
  const renderCard = useCallback(
    (lead: LeadRow) => <LeadCard slug={slug} lead={lead} hidden={hidden} />,
    [slug, hidden],
  );
  const openLead = useCallback(
    (lead: LeadRow) =>
      void navigate({ to: "/o/$slug/leads/$leadId", params: { slug, leadId: lead.id } }),
    [navigate, slug],
  );
  // The selection's actions, ready by the time someone selects a row.
  useEffect(() => {
    if (canWrite) void LeadBulkActions.preload();
  }, [canWrite]);
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
  const total = count.data?.total ?? items.length;
  const capped = count.data?.capped ?? false;

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
        <LeadViews
          search={search}
          columns={visibleColumns}
          onApply={(next, viewColumns) => {
            onSearchChange(next);
            // A view that keeps columns shows them; the choice is the member's again from there.
            if (viewColumns)
              columnChoice.setHidden(leadTableColumns.filter((id) => !viewColumns.includes(id)));
          }}
        />
        <LeadFilters search={search} onChange={onSearchChange} />

        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {count.data
              ? `${count.data.total.toLocaleString("en")}${capped ? "+" : ""} ${count.data.total === 1 && !capped ? "lead" : "leads"}`
              : "\u00a0"}
          </p>
          <ColumnsMenu
            columns={leadTableColumns.map((id) => ({ id, label: leadColumnLabels[id] }))}
            hidden={hidden}
            onChange={columnChoice.setHidden}
          />
        </div>

        {canWrite && (
          <SelectionBar
            selection={selection}
            loaded={items.length}
            total={total}
            capped={capped}
            noun={(n) => (n === 1 ? "lead" : "leads")}
          >
            <LeadBulkActions
              filter={filter}
              selection={selection}
              total={total}
              capped={capped}
              canDelete={canDelete}
              organizationName={organization.name}
              onDeleted={() => setDeletedAt(Date.now())}
            />
          </SelectionBar>
        )}

        <section ref={results} tabIndex={-1} aria-label="Lead list" className="outline-none">
          {leads.isPending || !columnChoice.settled ? (
            <LoadingState label="Loading leads…" />
          ) : leads.error && !leads.data ? (
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
            <DataTable
              label={`Leads, ${sortCaption(search)}`}
              rows={items}
              columns={columns}
              rowId={leadId}
              rowName={leadName}
              hiddenColumns={hidden}
              sort={sort}
              onSortChange={(next) => {
                const field = leadSortFields.find((f) => f === next.column);
                if (field)
                  onSearchChange({ ...search, sort: field, dir: next.desc ? "desc" : "asc" });
              }}
              selection={canWrite ? selection : undefined}
              onOpen={openLead}
              renderCard={renderCard}
              updating={leads.isPlaceholderData}
            />
          )}
        </section>

        {leads.hasNextPage && !leads.isPlaceholderData && (
          <LoadOnScroll
            loading={leads.isFetchingNextPage}
            error={leads.isFetchNextPageError}
            noun="leads"
            onLoadMore={() => void leads.fetchNextPage()}
          />
        )}
      </div>
    </>
  );
}

const leadId = (lead: LeadRow) => lead.id;
const leadName = (lead: LeadRow) => lead.name;

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
