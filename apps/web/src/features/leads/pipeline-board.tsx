import {
  type Active,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  type Over,
  PointerSensor,
  pointerWithin,
  type UniqueIdentifier,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import type { RouterOutputs } from "@guild/api";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { MenuContent } from "../../components/menu.tsx";
import { CompactMoney } from "../../components/money.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatMoney } from "../../lib/format.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useShortcut } from "../shell/shortcuts.tsx";
import { type LeadStatus, leadStatuses, statusLabel } from "./lead-labels.tsx";
import { type LeadListInput, useChangeLeadStatus, usePipelineSummary } from "./use-leads.ts";

const CARDS_PER_COLUMN = 20;

type ColumnLead = RouterOutputs["lead"]["list"]["items"][number];
type MenuToFocus = { id: string; status: LeadStatus };

/** The input of one column's lead list: shared by the query and the optimistic move. */
function columnInput(status: LeadStatus): LeadListInput {
  return { status: [status], sort: "updatedAt", order: "desc", limit: CARDS_PER_COLUMN };
}

/** Won and Lost collapse to a narrow column, remembered in this browser. */
const COLLAPSIBLE: readonly LeadStatus[] = ["won", "lost"];
const COLLAPSED_KEY = "guild.pipeline.collapsed";

function useCollapsedColumns() {
  const [collapsed, setCollapsed] = useState<ReadonlySet<LeadStatus>>(() => {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? "[]");
      return new Set(
        Array.isArray(saved) ? COLLAPSIBLE.filter((status) => saved.includes(status)) : [],
      );
    } catch {
      return new Set();
    }
  });
  const toggle = (status: LeadStatus) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(status)) next.delete(status);
      else next.add(status);
      localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...next]));
      return next;
    });
  return { collapsed, toggle };
}

/**
 * Arrow keys move a picked-up card from column to column: dnd-kit's keyboard sensor moves by
 * coordinates (the card's top-left), and this gives it the next column's, the card centred in it.
 */
const columnCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const step = event.code === "ArrowRight" ? 1 : event.code === "ArrowLeft" ? -1 : 0;
  if (step === 0) return undefined;
  event.preventDefault();
  const columns = [...context.droppableRects.entries()]
    .map(([id, rect]) => ({ id, rect }))
    .sort((a, b) => a.rect.left - b.rect.left);
  const current = context.over?.id ?? dragData(context.active?.data.current)?.from;
  const index = columns.findIndex((column) => column.id === current);
  const target = columns[Math.min(columns.length - 1, Math.max(0, index + step))];
  if (!target) return currentCoordinates;
  const width = context.collisionRect?.width ?? 0;
  return { x: target.rect.left + target.rect.width / 2 - width / 2, y: currentCoordinates.y };
};

/**
 * The column a card is over: under the pointer when there is one; by keyboard, the column whose
 * width holds the card's centre (columns differ in height, so areas would pick the short ones).
 */
const columnUnder: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  if (underPointer.length > 0 || args.pointerCoordinates) return underPointer;
  const x = args.collisionRect.left + args.collisionRect.width / 2;
  return args.droppableContainers
    .filter((container) => {
      const rect = args.droppableRects.get(container.id);
      return rect !== undefined && x >= rect.left && x <= rect.right;
    })
    .map((container) => ({ id: container.id }));
};

interface DragData {
  lead: ColumnLead;
  from: LeadStatus;
}

function dragData(value: unknown): DragData | null {
  if (typeof value !== "object" || value === null || !("lead" in value) || !("from" in value))
    return null;
  const from = leadStatuses.find((status) => status === value.from);
  // Our own data, set by useDraggable below: nothing from outside the page.
  return from ? { lead: value.lead as ColumnLead, from } : null;
}

const statusOf = (id: UniqueIdentifier | undefined) => leadStatuses.find((s) => s === id);

export function PipelineBoard() {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  useShortcut("c", "New lead", () => void navigate({ to: "/o/$slug/leads/new", params: { slug } }));
  const summary = usePipelineSummary();
  const move = useMoveLead();
  const { collapsed, toggle } = useCollapsedColumns();
  const [dragging, setDragging] = useState<DragData | null>(null);
  // A card moved with its menu is a new card in another column (or back in its own when the move
  // fails): the menu of that card, in that column, takes the focus back.
  const [menuToFocus, setMenuToFocus] = useState<MenuToFocus | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so a click on the card's link stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );

  const moveLead = (lead: ColumnLead, from: LeadStatus, to: LeadStatus, withMenu: boolean) => {
    if (withMenu) setMenuToFocus({ id: lead.id, status: to });
    setAnnouncement(`Moved ${lead.name} to ${statusLabel(to)}.`);
    move.mutate(
      { id: lead.id, from, to },
      () => withMenu && setMenuToFocus({ id: lead.id, status: from }),
    );
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const data = dragData(active.data.current);
    const to = statusOf(over?.id);
    if (data && to && to !== data.from) moveLead(data.lead, data.from, to, false);
  };

  const totals = summary.data?.reduce(
    (sum, column) => ({
      count: sum.count + column.count,
      valueCents: sum.valueCents + column.valueCents,
    }),
    { count: 0, valueCents: 0 },
  );

  const nameOf = (active: Active) => dragData(active.data.current)?.lead.name ?? "the lead";
  const stageOf = (over: Over | null) => {
    const status = statusOf(over?.id);
    return status ? statusLabel(status) : "no stage";
  };

  return (
    <>
      <PageHeader
        title="Pipeline"
        description={
          totals
            ? `${totals.count} ${totals.count === 1 ? "lead" : "leads"} worth ${formatMoney(totals.valueCents)} in total. Drag a lead to another stage (or pick it up with Space and move it with the arrow keys), or use its menu.`
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
        <DndContext
          sensors={sensors}
          collisionDetection={columnUnder}
          onDragStart={({ active }) => setDragging(dragData(active.data.current))}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragging(null)}
          accessibility={{
            screenReaderInstructions: {
              draggable:
                "To move this lead to another stage, press Space, choose the stage with the left and right arrow keys, and press Space again to drop it, or Escape to cancel.",
            },
            announcements: {
              onDragStart: ({ active }) => `Picked up ${nameOf(active)}.`,
              onDragOver: ({ active, over }) => `${nameOf(active)} is over ${stageOf(over)}.`,
              onDragEnd: ({ active, over }) =>
                over ? `Dropped ${nameOf(active)} on ${stageOf(over)}.` : "Not moved.",
              onDragCancel: ({ active }) => `Cancelled: ${nameOf(active)} stays where it was.`,
            },
          }}
        >
          {/* Wider than the page on purpose: the columns scroll sideways, and say so with a shadow. */}
          <ol className="relative -mx-3 flex snap-x gap-3 overflow-x-auto px-3 pb-4 sm:mx-0 sm:px-0">
            {summary.data.map((column) => (
              <BoardColumn
                key={column.status}
                status={column.status}
                count={column.count}
                valueCents={column.valueCents}
                collapsed={collapsed.has(column.status)}
                onToggle={
                  COLLAPSIBLE.includes(column.status) ? () => toggle(column.status) : undefined
                }
                canDrop={dragging !== null && dragging.from !== column.status}
              >
                <Column
                  status={column.status}
                  total={column.count}
                  menuToFocus={menuToFocus}
                  onMove={(lead, to) => moveLead(lead, column.status, to, true)}
                />
              </BoardColumn>
            ))}
          </ol>
          <DragOverlay dropAnimation={null}>
            {dragging && <CardBody lead={dragging.lead} />}
          </DragOverlay>
        </DndContext>
      )}
    </>
  );
}

function BoardColumn({
  status,
  count,
  valueCents,
  collapsed,
  onToggle,
  canDrop,
  children,
}: {
  status: LeadStatus;
  count: number;
  valueCents: number;
  collapsed: boolean;
  onToggle: (() => void) | undefined;
  canDrop: boolean;
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const label = statusLabel(status);
  return (
    <li
      ref={setNodeRef}
      className={`flex shrink-0 snap-start flex-col rounded-lg border bg-muted/70 ${
        collapsed ? "w-14" : "w-64"
      } ${isOver && canDrop ? "border-ring ring-2 ring-accent-border" : "border-border"}`}
    >
      <header className={`border-b border-border py-2 ${collapsed ? "px-1" : "px-3"}`}>
        <div className={`flex gap-1 ${collapsed ? "flex-col items-center" : "items-center"}`}>
          <h2
            className={`flex min-w-0 flex-1 items-center justify-between gap-2 text-sm font-semibold text-foreground ${
              collapsed ? "flex-col" : ""
            }`}
          >
            <span className={collapsed ? "[writing-mode:vertical-rl]" : "truncate"}>{label}</span>
            <span className="rounded-full bg-surface px-2 text-xs font-medium text-foreground ring-1 ring-border">
              {count}
            </span>
          </h2>
          {onToggle && (
            <button
              type="button"
              onClick={onToggle}
              aria-expanded={!collapsed}
              aria-label={`${collapsed ? "Expand" : "Collapse"} ${label}`}
              className="grid size-7 shrink-0 place-items-center rounded-md text-muted-foreground hover:bg-muted-strong"
            >
              <span aria-hidden="true">{collapsed ? "»" : "«"}</span>
            </button>
          )}
        </div>
        {!collapsed && (
          <CompactMoney
            cents={valueCents}
            className="block text-xs text-muted-foreground tabular-nums"
          />
        )}
      </header>
      {!collapsed && children}
    </li>
  );
}

function Column({
  status,
  total,
  menuToFocus,
  onMove,
}: {
  status: LeadStatus;
  total: number;
  menuToFocus: MenuToFocus | null;
  onMove: (lead: ColumnLead, to: LeadStatus) => void;
}) {
  const { slug } = useCurrentOrganization();
  const trpc = useOrgTRPC();
  const leads = useQuery(trpc.lead.list.queryOptions(columnInput(status)));

  if (leads.isPending) return <p className="px-3 py-4 text-sm text-muted-foreground">Loading…</p>;
  if (leads.error)
    return (
      <p role="alert" className="px-3 py-4 text-sm text-danger">
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
        <p className="px-1 py-3 text-center text-xs text-muted-foreground">Nothing here yet.</p>
      )}
      <ul className="flex flex-col gap-2">
        {items.map((lead) => (
          <LeadCard
            key={lead.id}
            lead={lead}
            status={status}
            focusMenu={lead.id === menuToFocus?.id && status === menuToFocus.status}
            onMove={(to) => onMove(lead, to)}
          />
        ))}
      </ul>
      {total > items.length && (
        <Link
          to="/o/$slug/leads"
          params={{ slug }}
          search={{ status: [status] }}
          className="mt-1 px-1 text-xs font-medium text-accent-foreground hover:underline"
        >
          {total - items.length} more in {statusLabel(status)}
        </Link>
      )}
    </div>
  );
}

/** What a card shows: also what follows the pointer while it is dragged. */
function CardBody({ lead, children }: { lead: ColumnLead; children?: ReactNode }) {
  const { slug } = useCurrentOrganization();
  return (
    <div className="rounded-md border border-border bg-surface p-3 shadow-sm">
      <Link
        to="/o/$slug/leads/$leadId"
        params={{ slug, leadId: lead.id }}
        className="block truncate text-sm font-medium text-foreground hover:text-accent-foreground hover:underline"
      >
        {lead.name}
      </Link>
      {lead.company && <p className="truncate text-xs text-muted-foreground">{lead.company}</p>}
      {/* The value is short at any size (compact from $100,000), so the row fits the card up to
          the largest value next to the two small buttons. */}
      <div className="mt-2 flex items-center justify-between gap-2">
        <CompactMoney
          cents={lead.valueCents}
          className="shrink-0 text-sm font-medium tabular-nums text-foreground"
        />
        {children}
      </div>
    </div>
  );
}

function LeadCard({
  lead,
  status,
  focusMenu,
  onMove,
}: {
  lead: ColumnLead;
  status: LeadStatus;
  focusMenu: boolean;
  onMove: (to: LeadStatus) => void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `${status}:${lead.id}`,
    data: { lead, from: status } satisfies DragData,
  });
  const menu = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusMenu) menu.current?.focus();
  }, [focusMenu]);
  return (
    <li ref={setNodeRef} className={isDragging ? "opacity-40" : ""}>
      <CardBody lead={lead}>
        <div className="flex shrink-0 items-center gap-1">
          <button
            type="button"
            {...attributes}
            {...listeners}
            aria-label={`Drag ${lead.name}`}
            className="grid size-7 cursor-grab touch-none place-items-center rounded-md text-muted-foreground hover:bg-muted active:cursor-grabbing"
          >
            <span aria-hidden="true">⠿</span>
          </button>
          {/* Not modal: a modal menu aria-hides the page around it while its links stay focusable
              (axe: aria-hidden-focus). Escape and a click outside still close it. */}
          <DropdownMenu.Root modal={false}>
            <DropdownMenu.Trigger
              ref={menu}
              aria-label={`Move ${lead.name}`}
              className="grid size-7 place-items-center rounded-md text-muted-foreground ring-1 ring-border ring-inset hover:bg-muted"
            >
              <span aria-hidden="true">⋯</span>
            </DropdownMenu.Trigger>
            <MenuContent
              align="end"
              sideOffset={4}
              // The card moves to another column: focus goes to its new menu (focusMenu).
              onCloseAutoFocus={(event) => event.preventDefault()}
              className="z-50 min-w-40 rounded-md bg-surface p-1 text-sm shadow-lg ring-1 ring-border"
            >
              <DropdownMenu.Label className="px-2 py-1 text-xs text-muted-foreground">
                Move to
              </DropdownMenu.Label>
              {leadStatuses
                .filter((option) => option !== status)
                .map((option) => (
                  <DropdownMenu.Item
                    key={option}
                    onSelect={() => onMove(option)}
                    className="cursor-pointer rounded px-2 py-1.5 text-foreground outline-none data-[highlighted]:bg-accent data-[highlighted]:text-accent-foreground"
                  >
                    {statusLabel(option)}
                  </DropdownMenu.Item>
                ))}
            </MenuContent>
          </DropdownMenu.Root>
        </div>
      </CardBody>
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
