import type { LeadViewState } from "@guild/api/schemas/saved-view";
import { SAVED_VIEW_NAME_MAX } from "@guild/api/schemas/saved-view-limits";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { TextField } from "../../components/field.tsx";
import { MenuContent } from "../../components/menu.tsx";
import { errorMessage, serverFieldErrors } from "../../lib/errors.ts";
import { type LeadListSearch, leadListFilter } from "./lead-list-search.ts";
import { viewsTriggerClass } from "./lead-views-trigger.ts";
import {
  type LeadView,
  useCreateLeadView,
  useDeleteLeadView,
  useLeadViews,
  useUpdateLeadView,
} from "./use-lead-views.ts";

/**
 * What a view keeps of the list: the list's filter and order as the URL names them (without the
 * view's own id), and its columns. Keys left undefined are not stored (JSON drops them).
 */
export function viewStateOf(search: LeadListSearch, columns?: string[]): LeadViewState {
  return { ...leadListFilter(search), sort: search.sort, order: search.dir, columns };
}

/** The list's URL state for a view (a view the list no longer understands: the plain list). */
export function searchOfView(view: LeadView): LeadListSearch {
  const state = view.state ?? {};
  return {
    view: view.id,
    ...(state.search ? { q: state.search } : {}),
    ...(state.status?.length ? { status: state.status } : {}),
    ...(state.source?.length ? { source: state.source } : {}),
    ...(state.ownerMemberId ? { owner: state.ownerMemberId } : {}),
    ...(state.sort ? { sort: state.sort } : {}),
    ...(state.order ? { dir: state.order } : {}),
  };
}

/** Same filters, order and columns (a view without columns keeps whatever the table shows). */
function sameState(view: LeadView, current: LeadViewState): boolean {
  const saved = view.state ?? {};
  const { columns: savedColumns, ...savedRest } = saved;
  const { columns: currentColumns, ...currentRest } = current;
  const sameColumns =
    savedColumns === undefined ||
    JSON.stringify(savedColumns) === JSON.stringify(currentColumns ?? savedColumns);
  return (
    JSON.stringify(sortKeys(savedRest)) === JSON.stringify(sortKeys(currentRest)) && sameColumns
  );
}

/** In code-unit order: no locale needed, and localeCompare's first call builds an ICU collator. */
function sortKeys(value: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const itemClass =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-foreground outline-none data-[highlighted]:bg-accent data-[highlighted]:text-accent-foreground data-[disabled]:cursor-default data-[disabled]:text-faint-foreground";

/**
 * The leads list's saved views: pick one (its filters, order and columns go into the URL), save
 * the current setup as a view (for yourself, or shared with the organization), update the open
 * view with what changed, or delete it (with Undo).
 */
export function LeadViews({
  search,
  columns,
  onApply,
}: {
  search: LeadListSearch;
  /** The table's visible columns, kept with a view when given. */
  columns?: string[] | undefined;
  onApply: (next: LeadListSearch, columns: string[] | undefined) => void;
}) {
  const views = useLeadViews();
  const create = useCreateLeadView();
  const update = useUpdateLeadView();
  const deleteView = useDeleteLeadView();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);

  const current = viewStateOf(search, columns);
  const active = views.data?.find((view) => view.id === search.view);
  const changed = active ? !sameState(active, current) : false;
  const mine = views.data?.filter((view) => view.mine) ?? [];
  const others = views.data?.filter((view) => !view.mine) ?? [];
  const nameErrors = serverFieldErrors(create.error).name;

  const open = (view: LeadView) => {
    if (!view.state)
      toast.info(`“${view.name}” was saved by an older version: showing every lead.`);
    onApply(searchOfView(view), view.state?.columns);
  };

  const viewItem = (view: LeadView) => (
    <DropdownMenu.Item key={view.id} onSelect={() => open(view)} className={itemClass}>
      <span aria-hidden="true" className="w-3 text-accent-foreground">
        {view.id === active?.id ? "✓" : ""}
      </span>
      <span className="min-w-0 flex-1 truncate" title={view.name}>
        {view.name}
      </span>
      {!view.mine && view.ownerName && (
        <span className="max-w-24 truncate text-xs text-muted-foreground" title={view.ownerName}>
          {view.ownerName}
        </span>
      )}
      {view.mine && view.shared && <span className="text-xs text-muted-foreground">Shared</span>}
    </DropdownMenu.Item>
  );

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2">
      {/* Not modal: a modal menu aria-hides the page around it while its links stay focusable
          (axe: aria-hidden-focus). Escape and a click outside still close it. */}
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger
          className={viewsTriggerClass}
          aria-label={active ? `View: ${active.name}${changed ? " (changed)" : ""}` : "Views"}
        >
          <span className="truncate" title={active?.name}>
            {active ? active.name : "Views"}
          </span>
          {changed && (
            <span aria-hidden="true" className="text-accent-foreground">
              •
            </span>
          )}
          <span aria-hidden="true" className="text-muted-foreground">
            ▾
          </span>
        </DropdownMenu.Trigger>
        <MenuContent
          align="start"
          sideOffset={4}
          className="z-50 max-h-[60vh] w-72 max-w-[calc(100vw-1rem)] overflow-y-auto rounded-md bg-surface p-1 text-sm shadow-lg ring-1 ring-border"
        >
          {views.isPending && <p className="px-2 py-1.5 text-muted-foreground">Loading views…</p>}
          {views.isError && <p className="px-2 py-1.5 text-danger">{errorMessage(views.error)}</p>}
          {views.data && views.data.length === 0 && (
            <p className="px-2 py-1.5 text-muted-foreground">
              No saved views yet. Filter and sort the list, then save it as a view.
            </p>
          )}
          {mine.length > 0 && (
            <DropdownMenu.Group>
              <DropdownMenu.Label className="px-2 py-1 text-xs text-muted-foreground">
                Your views
              </DropdownMenu.Label>
              {mine.map(viewItem)}
            </DropdownMenu.Group>
          )}
          {others.length > 0 && (
            <DropdownMenu.Group>
              <DropdownMenu.Label className="px-2 py-1 text-xs text-muted-foreground">
                Shared with the organization
              </DropdownMenu.Label>
              {others.map(viewItem)}
            </DropdownMenu.Group>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-muted-strong" />
          <DropdownMenu.Item
            className={itemClass}
            onSelect={() => {
              create.reset();
              setName("");
              setShared(false);
              setSaving(true);
            }}
          >
            Save as a new view…
          </DropdownMenu.Item>
          {active?.canChange && (
            <>
              <DropdownMenu.Item
                className={itemClass}
                disabled={!changed || update.isPending}
                onSelect={() =>
                  update.mutate(
                    { id: active.id, state: current },
                    {
                      onSuccess: () => toast.success(`Saved the changes to “${active.name}”.`),
                      onError: (error) =>
                        toast.error(`Could not save the view: ${errorMessage(error)}`),
                    },
                  )
                }
              >
                Save changes to “<span className="truncate">{active.name}</span>”
              </DropdownMenu.Item>
              <DropdownMenu.Item
                className={itemClass}
                onSelect={() =>
                  update.mutate(
                    { id: active.id, shared: !active.shared },
                    {
                      onSuccess: (view) =>
                        toast.success(
                          view.shared
                            ? `“${view.name}” is shared with the organization.`
                            : `“${view.name}” is yours alone now.`,
                        ),
                      onError: (error) =>
                        toast.error(`Could not change the view: ${errorMessage(error)}`),
                    },
                  )
                }
              >
                {active.shared ? "Stop sharing" : "Share with the organization"}
              </DropdownMenu.Item>
              <DropdownMenu.Item
                className={`${itemClass} text-danger data-[highlighted]:bg-danger-muted data-[highlighted]:text-danger`}
                onSelect={() => {
                  void deleteView(active);
                  const { view: _closed, ...rest } = search;
                  onApply(rest, undefined);
                }}
              >
                Delete this view
              </DropdownMenu.Item>
            </>
          )}
        </MenuContent>
      </DropdownMenu.Root>

      <ConfirmDialog
        open={saving}
        title="Save as a view"
        tone="primary"
        confirmLabel="Save view"
        pending={create.isPending}
        error={create.error && !nameErrors ? errorMessage(create.error) : null}
        onClose={() => setSaving(false)}
        onConfirm={() =>
          create.mutate(
            { name, state: current, shared },
            {
              onSuccess: (view) => {
                setSaving(false);
                toast.success(`Saved the view “${view.name}”.`);
                onApply({ ...search, view: view.id }, view.state?.columns);
              },
            },
          )
        }
      >
        <p>The list's filters, order and columns, under a name you pick.</p>
        <TextField
          label="Name"
          value={name}
          maxLength={SAVED_VIEW_NAME_MAX}
          required
          autoFocus
          error={nameErrors}
          onChange={(event) => setName(event.target.value)}
        />
        <label className="flex items-center gap-2 text-sm text-foreground">
          <input
            type="checkbox"
            checked={shared}
            onChange={(event) => setShared(event.target.checked)}
            className="size-4 rounded border-input text-accent-foreground focus:ring-ring"
          />
          Share with the organization
        </label>
      </ConfirmDialog>
    </div>
  );
}
