import type { RouterOutputs } from "@guild/api";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { CompactMoney } from "../../components/money.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatMoney } from "../../lib/format.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { type LeadStatus, leadStatuses, statusLabel } from "./lead-labels.tsx";
import { type LeadListInput, useChangeLeadStatus, usePipelineSummary } from "./use-leads.ts";

const CARDS_PER_COLUMN = 20;

type ColumnLead = RouterOutputs["lead"]["list"]["items"][number];
type MenuToFocus = { id: string; status: LeadStatus };

/** The input of one column's lead list: shared by the query and the optimistic move. */
function columnInput(status: LeadStatus): LeadListInput {
  return { status: [status], sort: "updatedAt", order: "desc", limit: CARDS_PER_COLUMN };
}

export function PipelineBoard() {
  const { slug } = useCurrentOrganization();
  const summary = usePipelineSummary();
  const move = useMoveLead();
  const [dragging, setDragging] = useState<{ lead: ColumnLead; from: LeadStatus } | null>(null);
  const [dropTarget, setDropTarget] = useState<LeadStatus | null>(null);
  // A card moved with its menu is a new card in another column (or back in its own when the move
  // fails): the menu of that card, in that column, takes the focus back.
  const [menuToFocus, setMenuToFocus] = useState<MenuToFocus | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const moveLead = (lead: ColumnLead, from: LeadStatus, to: LeadStatus, withMenu: boolean) => {
    if (withMenu) setMenuToFocus({ id: lead.id, status: to });
    setAnnouncement(`Moved ${lead.name} to ${statusLabel(to)}.`);
    move.mutate(
      { id: lead.id, from, to },
      () => withMenu && setMenuToFocus({ id: lead.id, status: from }),
    );
  };

  const totals = summary.data?.reduce(
    (sum, column) => ({
      count: sum.count + column.count,
      valueCents: sum.valueCents + column.valueCents,
    }),
    { count: 0, valueCents: 0 },
  );

  return (
    <>
      <PageHeader
        title="Pipeline"
        description={
          totals
            ? `${totals.count} ${totals.count === 1 ? "lead" : "leads"} worth ${formatMoney(totals.valueCents)} in total. Move a lead with its menu, or drag it to another column.`
            : "Every lead by stage."
        }
        actions={
          <ButtonLink to="/o/$slug/leads/new" params={{ slug }} variant="secondary">
            Add a lead
          </ButtonLink>
        }
      />
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {move.error && (
        <div className="mb-4">
          <FormAlert>Could not move the lead: {errorMessage(move.error)}</FormAlert>
        </div>
      )}
      {summary.isPending ? (
        <LoadingState label="Loading pipeline…" />
      ) : summary.error ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <ol className="relative -mx-3 flex snap-x gap-3 overflow-x-auto px-3 pb-4 sm:mx-0 sm:px-0">
          {summary.data.map((column) => (
            <li
              key={column.status}
              className={`flex w-64 shrink-0 snap-start flex-col rounded-lg border bg-slate-100/70 ${
                dropTarget === column.status
                  ? "border-indigo-500 ring-2 ring-indigo-300"
                  : "border-slate-200"
              }`}
              onDragOver={(event) => {
                if (!dragging || dragging.from === column.status) return;
                event.preventDefault();
                setDropTarget(column.status);
              }}
              onDragLeave={() =>
                setDropTarget((current) => (current === column.status ? null : current))
              }
              onDrop={(event) => {
                event.preventDefault();
                setDropTarget(null);
                if (dragging && dragging.from !== column.status)
                  moveLead(dragging.lead, dragging.from, column.status, false);
                setDragging(null);
              }}
            >
              <header className="border-b border-slate-200 px-3 py-2">
                <h2 className="flex items-center justify-between text-sm font-semibold text-slate-900">
                  <span>{statusLabel(column.status)}</span>
                  <span className="rounded-full bg-white px-2 text-xs font-medium text-slate-700 ring-1 ring-slate-200">
                    {column.count}
                  </span>
                </h2>
                <CompactMoney
                  cents={column.valueCents}
                  className="block text-xs text-slate-600 tabular-nums"
                />
              </header>
              <Column
                status={column.status}
                total={column.count}
                menuToFocus={menuToFocus}
                onMove={(lead, to) => moveLead(lead, column.status, to, true)}
                onDragStart={(lead) => setDragging({ lead, from: column.status })}
                onDragEnd={() => {
                  setDragging(null);
                  setDropTarget(null);
                }}
              />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function Column({
  status,
  total,
  menuToFocus,
  onMove,
  onDragStart,
  onDragEnd,
}: {
  status: LeadStatus;
  total: number;
  menuToFocus: MenuToFocus | null;
  onMove: (lead: ColumnLead, to: LeadStatus) => void;
  onDragStart: (lead: ColumnLead) => void;
  onDragEnd: () => void;
}) {
  const { slug } = useCurrentOrganization();
  const trpc = useOrgTRPC();
  const leads = useQuery(trpc.lead.list.queryOptions(columnInput(status)));

  if (leads.isPending) return <p className="px-3 py-4 text-sm text-slate-500">Loading…</p>;
  if (leads.error)
    return (
      <p role="alert" className="px-3 py-4 text-sm text-red-700">
        Could not load this column.{" "}
        <button type="button" className="underline" onClick={() => void leads.refetch()}>
          Retry
        </button>
      </p>
    );
  const items = leads.data.items;
  return (
    <div className="flex flex-1 flex-col gap-2 p-2">
      {items.length === 0 && (
        <p className="px-1 py-3 text-center text-xs text-slate-500">Nothing here yet.</p>
      )}
      <ul className="flex flex-col gap-2">
        {items.map((lead) => (
          <LeadCard
            key={lead.id}
            lead={lead}
            status={status}
            focusMenu={lead.id === menuToFocus?.id && status === menuToFocus.status}
            onMove={(to) => onMove(lead, to)}
            onDragStart={() => onDragStart(lead)}
            onDragEnd={onDragEnd}
          />
        ))}
      </ul>
      {total > items.length && (
        <Link
          to="/o/$slug/leads"
          params={{ slug }}
          search={{ status: [status] }}
          className="mt-1 px-1 text-xs font-medium text-indigo-700 hover:underline"
        >
          {total - items.length} more in {statusLabel(status)}
        </Link>
      )}
    </div>
  );
}

function LeadCard({
  lead,
  status,
  focusMenu,
  onMove,
  onDragStart,
  onDragEnd,
}: {
  lead: ColumnLead;
  status: LeadStatus;
  focusMenu: boolean;
  onMove: (to: LeadStatus) => void;
  onDragStart: () => void;
  onDragEnd: () => void;
}) {
  const { slug } = useCurrentOrganization();
  const menu = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (focusMenu) menu.current?.focus();
  }, [focusMenu]);
  return (
    <li
      draggable
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", lead.id);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      className="cursor-grab rounded-md border border-slate-200 bg-white p-3 shadow-sm active:cursor-grabbing"
    >
      <Link
        to="/o/$slug/leads/$leadId"
        params={{ slug, leadId: lead.id }}
        className="block truncate text-sm font-medium text-slate-900 hover:text-indigo-700 hover:underline"
      >
        {lead.name}
      </Link>
      {lead.company && <p className="truncate text-xs text-slate-600">{lead.company}</p>}
      {/* The value is short at any size (compact from $100,000) and the menu may shrink (its
          closed label is one status), so the row fits the card up to the largest value. */}
      <div className="mt-2 flex items-center justify-between gap-2">
        <CompactMoney
          cents={lead.valueCents}
          className="shrink-0 text-sm font-medium tabular-nums text-slate-800"
        />
        <label className="sr-only" htmlFor={`move-${lead.id}`}>
          Move {lead.name} to
        </label>
        <select
          ref={menu}
          id={`move-${lead.id}`}
          className="min-w-0 max-w-[8.5rem] rounded-md border-0 bg-slate-50 py-1 pr-7 pl-2 text-xs text-slate-700 ring-1 ring-slate-200 ring-inset"
          value={status}
          onChange={(event) => {
            const to = leadStatuses.find((s) => s === event.target.value);
            if (to && to !== status) onMove(to);
          }}
        >
          {leadStatuses.map((option) => (
            <option key={option} value={option}>
              {option === status ? statusLabel(option) : `→ ${statusLabel(option)}`}
            </option>
          ))}
        </select>
      </div>
    </li>
  );
}

/**
 * lead.changeStatus, with the card moved between columns (and the column totals adjusted) at once;
 * the lists and the summary are fetched again afterwards, and restored if the move fails.
 */
function useMoveLead() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const changeStatus = useChangeLeadStatus();
  return {
    ...changeStatus,
    mutate: (
      { id, from, to }: { id: string; from: LeadStatus; to: LeadStatus },
      onRolledBack?: () => void,
    ) => {
      const fromKey = trpc.lead.list.queryKey(columnInput(from));
      const toKey = trpc.lead.list.queryKey(columnInput(to));
      const summaryKey = trpc.lead.pipelineSummary.queryKey();
      const snapshot = {
        from: queryClient.getQueryData(fromKey),
        to: queryClient.getQueryData(toKey),
        summary: queryClient.getQueryData(summaryKey),
      };
      const lead = snapshot.from?.items.find((item) => item.id === id);
      if (lead && snapshot.from) {
        const moved = { ...lead, status: to, updatedAt: new Date() };
        queryClient.setQueryData(fromKey, {
          ...snapshot.from,
          items: snapshot.from.items.filter((item) => item.id !== id),
        });
        if (snapshot.to)
          queryClient.setQueryData(toKey, { ...snapshot.to, items: [moved, ...snapshot.to.items] });
        if (snapshot.summary)
          queryClient.setQueryData(
            summaryKey,
            snapshot.summary.map((column) =>
              column.status === from
                ? {
                    ...column,
                    count: column.count - 1,
                    valueCents: column.valueCents - lead.valueCents,
                  }
                : column.status === to
                  ? {
                      ...column,
                      count: column.count + 1,
                      valueCents: column.valueCents + lead.valueCents,
                    }
                  : column,
            ),
          );
      }
      changeStatus.mutate(
        { id, status: to },
        {
          onError: () => {
            queryClient.setQueryData(fromKey, snapshot.from);
            queryClient.setQueryData(toKey, snapshot.to);
            queryClient.setQueryData(summaryKey, snapshot.summary);
            onRolledBack?.();
          },
        },
      );
    },
  };
}
