import type { RouterOutputs } from "@guild/api";
import type { LeadTableColumn } from "@guild/api/schemas/lead-constants";
import { Link } from "@tanstack/react-router";
import type { ColumnDef } from "@tanstack/react-table";
import { CompactMoney } from "../../components/money.tsx";
import { formatDate } from "../../lib/format.ts";
import { StatusBadge, sourceLabel } from "./lead-labels.tsx";

export type LeadRow = RouterOutputs["lead"]["list"]["items"][number];

/** A lead's name, linking to its page (the table's first column and the phone card's title). */
function LeadName({ slug, lead }: { slug: string; lead: LeadRow }) {
  return (
    <Link
      to="/o/$slug/leads/$leadId"
      params={{ slug, leadId: lead.id }}
      // Out of the tab order: the row is (Enter opens it), so Tab moves between rows' controls.
      tabIndex={-1}
      className="block truncate font-medium text-foreground hover:text-accent-foreground hover:underline"
    >
      {lead.name}
    </Link>
  );
}

/** The columns a person can hide, in the order the menu lists them (ids from the API's list). */
export const leadColumnLabels: Record<LeadTableColumn, string> = {
  company: "Company",
  status: "Status",
  value: "Value",
  owner: "Owner",
  source: "Source",
  createdAt: "Added",
  updatedAt: "Updated",
};

/**
 * The leads table's columns. Their ids are the API's sort fields where the server sorts by them
 * (name, value, createdAt, updatedAt) and the names a hidden-columns preference stores. The less
 * needed ones appear as the table widens (container breakpoints, not the window's: at 1280 px
 * with the sidebar open, all eight made the page scroll sideways).
 */
export function leadColumns(slug: string): ColumnDef<LeadRow>[] {
  const column = (
    id: LeadTableColumn,
    definition: Omit<ColumnDef<LeadRow>, "id" | "header">,
  ): ColumnDef<LeadRow> => ({ id, header: leadColumnLabels[id], ...definition });
  return [
    {
      id: "name",
      header: "Name",
      enableHiding: false,
      enableSorting: true,
      meta: { firstSort: "asc", className: "max-w-[10rem] sm:max-w-[16rem]" },
      cell: ({ row }) => (
        <>
          <LeadName slug={slug} lead={row.original} />
          <span className="block truncate text-xs text-muted-foreground">
            {row.original.email ?? row.original.company ?? ""}
          </span>
        </>
      ),
    },
    column("company", {
      meta: { className: "hidden max-w-[12rem] truncate text-foreground @3xl:table-cell" },
      cell: ({ row }) => row.original.company ?? "—",
    }),
    column("status", { cell: ({ row }) => <StatusBadge status={row.original.status} /> }),
    column("value", {
      enableSorting: true,
      meta: { className: "text-right whitespace-nowrap tabular-nums" },
      cell: ({ row }) => <CompactMoney cents={row.original.valueCents} />,
    }),
    column("owner", {
      meta: { className: "hidden text-foreground @4xl:table-cell" },
      cell: ({ row }) => row.original.ownerName ?? "—",
    }),
    column("source", {
      meta: { className: "hidden text-foreground @5xl:table-cell" },
      cell: ({ row }) => sourceLabel(row.original.source),
    }),
    column("createdAt", {
      enableSorting: true,
      meta: { className: "hidden whitespace-nowrap text-muted-foreground @2xl:table-cell" },
      cell: ({ row }) => formatDate(row.original.createdAt),
    }),
    column("updatedAt", {
      enableSorting: true,
      meta: { className: "hidden whitespace-nowrap text-muted-foreground @6xl:table-cell" },
      cell: ({ row }) => formatDate(row.original.updatedAt),
    }),
  ];
}

/** A lead on a phone: what the table's row says, stacked (hidden columns stay hidden). */
export function LeadCard({
  slug,
  lead,
  hidden,
}: {
  slug: string;
  lead: LeadRow;
  hidden: readonly string[];
}) {
  const shows = (id: LeadTableColumn) => !hidden.includes(id);
  const details = [
    shows("company") ? lead.company : null,
    shows("owner") && lead.ownerName ? `Owner: ${lead.ownerName}` : null,
    shows("source") ? sourceLabel(lead.source) : null,
    shows("createdAt") ? `Added ${formatDate(lead.createdAt)}` : null,
  ].filter((part): part is string => Boolean(part));
  return (
    <>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <LeadName slug={slug} lead={lead} />
          {lead.email && <p className="truncate text-xs text-muted-foreground">{lead.email}</p>}
        </div>
        {shows("value") && (
          <CompactMoney
            cents={lead.valueCents}
            className="shrink-0 text-sm font-medium tabular-nums"
          />
        )}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
        {shows("status") && <StatusBadge status={lead.status} />}
        {details.map((part) => (
          <span key={part} className="min-w-0 truncate">
            {part}
          </span>
        ))}
      </div>
    </>
  );
}
