import type { RouterOutputs } from "@guild/api";
import { getRouteApi } from "@tanstack/react-router";
import type { ColumnDef } from "@tanstack/react-table";
import { useCallback, useMemo, useState } from "react";
import { Button } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { DataTable } from "../../components/data-table/data-table.tsx";
import { useSearchText } from "../../components/data-table/use-search-text.ts";
import { inputClass } from "../../components/field.tsx";
import { LoadOnScroll } from "../../components/load-on-scroll.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDate } from "../../lib/format.ts";
import type { AdminOrganizationSearch } from "./admin-search.ts";
import { CompPlanDialog, EndCompDialog } from "./comp-dialogs.tsx";
import { useAdminOrganizations } from "./use-admin.ts";

export type AdminOrganization = RouterOutputs["admin"]["organizations"]["list"]["items"][number];
export type OrganizationAction = { kind: "comp" | "endComp"; organization: AdminOrganization };

const route = getRouteApi("/authed/admin/organizations");
const noneHidden: readonly string[] = [];
const newestFirst = { column: "createdAt", desc: true };

const sourceLabels = { stripe: "Stripe", lifetime: "Lifetime", comp: "Comped" } as const;

function Plan({ organization }: { organization: AdminOrganization }) {
  const s = organization.subscription;
  if (!s) return <span className="text-muted-foreground">Free</span>;
  return (
    <span>
      {s.planName}{" "}
      <span className="text-xs text-muted-foreground">
        ({sourceLabels[s.source]}, {s.status.replace("_", " ")}, {s.seats}{" "}
        {s.seats === 1 ? "seat" : "seats"}
        {s.cancelAtPeriodEnd && s.currentPeriodEnd
          ? `, ends ${formatDate(s.currentPeriodEnd)}`
          : ""}
        )
      </span>
    </span>
  );
}

function Actions({
  organization,
  onAction,
}: {
  organization: AdminOrganization;
  onAction: (action: OrganizationAction) => void;
}) {
  const source = organization.subscription?.source;
  // A paying organization is not comped over (the API refuses it too).
  if (source === "stripe" || source === "lifetime") return null;
  return (
    <div className="flex flex-wrap justify-end gap-1">
      <Button
        variant="ghost"
        size="sm"
        // The visible words first, so a voice command naming them finds the button.
        aria-label={`${source === "comp" ? "Change comp" : "Comp a plan"} for ${organization.name}`}
        onClick={() => onAction({ kind: "comp", organization })}
      >
        {source === "comp" ? "Change comp" : "Comp a plan"}
      </Button>
      {source === "comp" && (
        <Button
          variant="danger-ghost"
          size="sm"
          aria-label={`End comp for ${organization.name}`}
          onClick={() => onAction({ kind: "endComp", organization })}
        >
          End comp
        </Button>
      )}
    </div>
  );
}

export function AdminOrganizationsScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const onSearchChange = useCallback(
    (next: AdminOrganizationSearch) => void navigate({ search: next, replace: true }),
    [navigate],
  );
  const [text, setText] = useSearchText(search, onSearchChange);
  const organizations = useAdminOrganizations(search);
  const rows = organizations.data?.pages.flatMap((page) => page.items) ?? [];
  const [action, setAction] = useState<OrganizationAction | null>(null);
  const columns = useMemo<ColumnDef<AdminOrganization>[]>(
    () => [
      {
        id: "name",
        header: "Organization",
        enableHiding: false,
        meta: { className: "min-w-[12rem]" },
        cell: ({ row }) => (
          <div className="min-w-0">
            <p className="font-medium wrap-anywhere text-foreground">{row.original.name}</p>
            <p className="text-xs wrap-anywhere text-muted-foreground">{row.original.slug}</p>
          </div>
        ),
      },
      {
        id: "members",
        header: "Members",
        meta: { className: "text-sm tabular-nums" },
        cell: ({ row }) => row.original.memberCount.toLocaleString(),
      },
      {
        id: "plan",
        header: "Plan",
        meta: { className: "text-sm" },
        cell: ({ row }) => <Plan organization={row.original} />,
      },
      {
        id: "createdAt",
        header: "Created",
        meta: {
          className: "hidden whitespace-nowrap text-sm text-muted-foreground @xl:table-cell",
        },
        cell: ({ row }) => formatDate(row.original.createdAt),
      },
      {
        id: "actions",
        header: "Actions",
        enableHiding: false,
        meta: { className: "text-right" },
        cell: ({ row }) => <Actions organization={row.original} onAction={setAction} />,
      },
    ],
    [],
  );
  const renderCard = useCallback(
    (organization: AdminOrganization) => (
      <>
        <p className="font-medium wrap-anywhere text-foreground">{organization.name}</p>
        <p className="text-xs wrap-anywhere text-muted-foreground">
          {organization.slug} · {organization.memberCount.toLocaleString()}{" "}
          {organization.memberCount === 1 ? "member" : "members"}
        </p>
        <p className="mt-1 text-sm">
          <Plan organization={organization} />
        </p>
        <div className="mt-2">
          <Actions organization={organization} onAction={setAction} />
        </div>
      </>
    ),
    [],
  );

  return (
    <>
      <PageHeader
        title="Organizations"
        description="Every organization, newest first, with its members and plan."
      />
      <div className="mb-4 min-w-[12rem] sm:max-w-sm">
        <label htmlFor="admin-org-search" className="block text-sm font-medium text-foreground">
          Search
        </label>
        <input
          id="admin-org-search"
          type="search"
          className={`${inputClass} mt-1`}
          placeholder="Name or slug"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {organizations.isPending ? (
        <LoadingState label="Loading organizations…" />
      ) : organizations.error ? (
        <ErrorState error={organizations.error} onRetry={() => void organizations.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No organizations found">Try another name or slug.</EmptyState>
      ) : (
        <section aria-label="Organizations" className="@container">
          <DataTable
            label="Organizations, newest first"
            rows={rows}
            columns={columns}
            rowId={(o) => o.id}
            rowName={(o) => o.name}
            hiddenColumns={noneHidden}
            sort={newestFirst}
            onSortChange={() => {}}
            renderCard={renderCard}
            updating={organizations.isPlaceholderData}
          />
          {organizations.hasNextPage && !organizations.isPlaceholderData && (
            <LoadOnScroll
              loading={organizations.isFetchingNextPage}
              error={organizations.isFetchNextPageError}
              noun="organizations"
              onLoadMore={() => void organizations.fetchNextPage()}
            />
          )}
        </section>
      )}
      {action?.kind === "comp" && (
        <CompPlanDialog organization={action.organization} onClose={() => setAction(null)} />
      )}
      {action?.kind === "endComp" && (
        <EndCompDialog organization={action.organization} onClose={() => setAction(null)} />
      )}
    </>
  );
}
