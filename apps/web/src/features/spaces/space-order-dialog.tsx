import type { RouterOutputs } from "@guild/api";
import { ArrowDown, ArrowUp, GripVertical } from "lucide-react";
import { type DragEvent, useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { useModalDialog } from "../../components/confirm-dialog.tsx";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { useSpaceMutations, useSpaces } from "./use-spaces.ts";

type Section = RouterOutputs["space"]["list"][number];
interface Item {
  id: string;
  name: string;
  icon: string;
}
interface Group {
  /** "" for the ungrouped spaces: always listed first in the sidebar (space.list). */
  name: string;
  spaces: Item[];
}

const sectionLabel = (name: string) => name || "Spaces";

const toGroups = (sections: Section[]): Group[] =>
  sections.map((section) => ({
    name: section.name,
    spaces: section.spaces.map(({ id, name, icon }) => ({ id, name, icon })),
  }));

/** Where a space is: its group's index and its own. */
function locate(groups: Group[], id: string): [number, number] {
  for (const [g, group] of groups.entries()) {
    const s = group.spaces.findIndex((space) => space.id === id);
    if (s >= 0) return [g, s];
  }
  return [-1, -1];
}

/**
 * A space one place up or down; past the top (bottom) of its group it goes to the end (start) of
 * the group before (after), so the buttons alone move a space anywhere.
 */
function moveSpace(groups: Group[], id: string, delta: -1 | 1): Group[] {
  const [g, s] = locate(groups, id);
  const group = groups[g];
  const space = group?.spaces[s];
  if (!group || !space) return groups;
  const next = groups.map((x) => ({ ...x, spaces: [...x.spaces] }));
  const target = s + delta;
  if (target >= 0 && target < group.spaces.length) {
    const list = next[g]!.spaces;
    [list[s], list[target]] = [list[target]!, list[s]!];
    return next;
  }
  const neighbour = next[g + delta];
  if (!neighbour) return groups;
  next[g]!.spaces.splice(s, 1);
  if (delta < 0) neighbour.spaces.push(space);
  else neighbour.spaces.unshift(space);
  return next;
}

/** Puts the dragged space before `beforeId` (null: at the end of group `g`). */
function dropSpace(groups: Group[], id: string, g: number, beforeId: string | null): Group[] {
  if (id === beforeId) return groups;
  const [from, s] = locate(groups, id);
  const space = groups[from]?.spaces[s];
  if (!space || !groups[g]) return groups;
  const next = groups.map((x) => ({ ...x, spaces: x.spaces.filter((y) => y.id !== id) }));
  const list = next[g]!.spaces;
  const at = beforeId === null ? list.length : list.findIndex((y) => y.id === beforeId);
  list.splice(at < 0 ? list.length : at, 0, space);
  return next;
}

/** The named groups move among themselves; the ungrouped spaces stay first. */
const movable = (groups: Group[], g: number) => groups[g]?.name !== "" && g >= 0;

function moveGroup(groups: Group[], g: number, target: number): Group[] {
  if (!movable(groups, g) || !movable(groups, target) || target >= groups.length) return groups;
  const next = [...groups];
  const [group] = next.splice(g, 1);
  if (group) next.splice(target, 0, group);
  return next;
}

type Dragged = { kind: "space"; id: string } | { kind: "group"; index: number };

/**
 * The admins' order of the sidebar: spaces within and across their groups, and the groups
 * themselves, by dragging or with each row's Move up and Move down buttons (focus stays on the
 * button, and the new place is announced). Saved at once for everyone (space.reorder).
 */
export function SpaceOrderDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto max-h-[90dvh] w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-lg bg-surface p-0 shadow-xl"
    >
      <div className="space-y-4 p-4 sm:p-6">
        <h2 id={titleId} className="text-lg font-semibold text-foreground">
          Reorder spaces
        </h2>
        {open && <OrderEditor onClose={onClose} />}
      </div>
    </dialog>
  );
}

function OrderEditor({ onClose }: { onClose: () => void }) {
  const spaces = useSpaces();
  const { reorder } = useSpaceMutations();
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [dragged, setDragged] = useState<Dragged | null>(null);
  const focusAfter = useRef<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const current = groups ?? toGroups(spaces.data ?? []);

  // A moved row is rendered anew in its place: its button gets the focus back (or the other
  // one, when this one just became disabled at an end).
  useEffect(() => {
    const key = focusAfter.current;
    if (!key || !list.current) return;
    focusAfter.current = null;
    const button = list.current.querySelector<HTMLButtonElement>(`[data-focus-key="${key}"]`);
    const fallback = list.current.querySelector<HTMLButtonElement>(
      `[data-focus-key="${key.replace(/^(up|down)/, (d) => (d === "up" ? "down" : "up"))}"]`,
    );
    (button && !button.disabled ? button : fallback)?.focus();
  });

  const change = (next: Group[], message: string, focusKey?: string) => {
    if (focusKey) focusAfter.current = focusKey;
    setGroups(next);
    setAnnouncement(message);
  };

  const placeOf = (next: Group[], id: string) => {
    const [g, s] = locate(next, id);
    const group = next[g];
    return group
      ? `position ${s + 1} of ${group.spaces.length} in ${sectionLabel(group.name)}`
      : "";
  };

  const onSpace = (space: Item, delta: -1 | 1) => {
    const next = moveSpace(current, space.id, delta);
    change(
      next,
      `${space.name} moved to ${placeOf(next, space.id)}`,
      `${delta < 0 ? "up" : "down"}:${space.id}`,
    );
  };

  const onGroup = (g: number, delta: -1 | 1) => {
    const group = current[g];
    if (!group) return;
    const next = moveGroup(current, g, g + delta);
    const named = next.filter((x) => x.name !== "");
    change(
      next,
      `Group ${group.name} moved to position ${named.indexOf(group) + 1} of ${named.length}`,
      `${delta < 0 ? "up" : "down"}:group:${group.name}`,
    );
  };

  const onDrop = (event: DragEvent, g: number, beforeId: string | null) => {
    event.preventDefault();
    event.stopPropagation();
    if (!dragged) return;
    setDragged(null);
    if (dragged.kind === "space") {
      const [from, s] = locate(current, dragged.id);
      const space = current[from]?.spaces[s];
      const next = dropSpace(current, dragged.id, g, beforeId);
      if (space) change(next, `${space.name} moved to ${placeOf(next, space.id)}`);
    } else if (dragged.index !== g) {
      const group = current[dragged.index];
      const next = moveGroup(current, dragged.index, g);
      if (group) change(next, `Group ${group.name} moved`);
    }
  };

  const allowDrop = (event: DragEvent) => {
    if (!dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  };

  const save = () =>
    reorder.mutate(
      {
        sections: current
          .filter((group) => group.spaces.length > 0)
          .map((group) => ({ name: group.name, spaceIds: group.spaces.map((s) => s.id) })),
      },
      {
        onSuccess: () => {
          toast.success("Saved the order of the spaces.");
          onClose();
        },
      },
    );

  if (spaces.isPending) return <p className="text-sm text-muted-foreground">Loading spaces…</p>;
  if (spaces.isError) return <ErrorAlert error={spaces.error} />;
  const namedCount = current.filter((x) => x.name !== "").length;
  return (
    <>
      <p className="text-sm text-muted-foreground">
        Drag a space or a group to its place, or use its arrow buttons. Members see the new order
        once you save.
      </p>
      <div ref={list} className="space-y-4">
        {current.map((group, g) => {
          const named = group.name !== "";
          const namedIndex = g - (current[0]?.name === "" ? 1 : 0);
          return (
            <section
              key={group.name || "ungrouped"}
              aria-label={sectionLabel(group.name)}
              onDragOver={allowDrop}
              onDrop={(event) => onDrop(event, g, null)}
              className={`rounded-md border border-border p-2 ${dragged ? "border-dashed" : ""}`}
            >
              {/* biome-ignore lint/a11y/noStaticElementInteractions: dragging is the pointer's way; the Move group buttons are the keyboard's */}
              <div
                draggable={named}
                onDragStart={(event) => {
                  event.dataTransfer.effectAllowed = "move";
                  event.dataTransfer.setData("text/plain", group.name);
                  setDragged({ kind: "group", index: g });
                }}
                onDragEnd={() => setDragged(null)}
                className={`flex items-center gap-2 px-1 pb-1 ${named ? "cursor-grab" : ""}`}
              >
                {named && (
                  <GripVertical aria-hidden="true" className="size-4 text-muted-foreground" />
                )}
                <h3 className="min-w-0 flex-1 truncate text-xs font-semibold tracking-wide text-muted-foreground uppercase">
                  {sectionLabel(group.name)}
                </h3>
                {named && (
                  <span className="flex shrink-0 gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      data-focus-key={`up:group:${group.name}`}
                      aria-label={`Move group ${group.name} up`}
                      disabled={namedIndex === 0}
                      onClick={() => onGroup(g, -1)}
                    >
                      <ArrowUp aria-hidden="true" className="size-4" />
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      data-focus-key={`down:group:${group.name}`}
                      aria-label={`Move group ${group.name} down`}
                      disabled={namedIndex === namedCount - 1}
                      onClick={() => onGroup(g, 1)}
                    >
                      <ArrowDown aria-hidden="true" className="size-4" />
                    </Button>
                  </span>
                )}
              </div>
              <ol aria-label={`Spaces in ${sectionLabel(group.name)}`} className="space-y-1">
                {group.spaces.map((space, s) => (
                  <li
                    key={space.id}
                    draggable
                    onDragStart={(event) => {
                      event.stopPropagation();
                      event.dataTransfer.effectAllowed = "move";
                      event.dataTransfer.setData("text/plain", space.name);
                      setDragged({ kind: "space", id: space.id });
                    }}
                    onDragEnd={() => setDragged(null)}
                    onDragOver={allowDrop}
                    onDrop={(event) =>
                      dragged?.kind === "space" ? onDrop(event, g, space.id) : undefined
                    }
                    className={`flex cursor-grab items-center gap-2 rounded-md bg-muted/50 px-2 py-1.5 text-sm ${dragged?.kind === "space" && dragged.id === space.id ? "opacity-50" : ""}`}
                  >
                    <GripVertical
                      aria-hidden="true"
                      className="size-4 shrink-0 text-muted-foreground"
                    />
                    {space.icon && <span aria-hidden="true">{space.icon}</span>}
                    <span className="min-w-0 flex-1 truncate font-medium text-foreground">
                      {space.name}
                    </span>
                    <span className="flex shrink-0 gap-1">
                      <Button
                        size="sm"
                        variant="ghost"
                        data-focus-key={`up:${space.id}`}
                        aria-label={`Move ${space.name} up`}
                        disabled={g === 0 && s === 0}
                        onClick={() => onSpace(space, -1)}
                      >
                        <ArrowUp aria-hidden="true" className="size-4" />
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        data-focus-key={`down:${space.id}`}
                        aria-label={`Move ${space.name} down`}
                        disabled={g === current.length - 1 && s === group.spaces.length - 1}
                        onClick={() => onSpace(space, 1)}
                      >
                        <ArrowDown aria-hidden="true" className="size-4" />
                      </Button>
                    </span>
                  </li>
                ))}
                {group.spaces.length === 0 && (
                  <li className="px-2 py-1.5 text-sm text-muted-foreground">
                    No spaces: drop one here, or it goes once you save.
                  </li>
                )}
              </ol>
            </section>
          );
        })}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {reorder.error && <ErrorAlert error={reorder.error} />}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button pending={reorder.isPending} disabled={groups === null} onClick={save}>
          Save order
        </Button>
      </div>
    </>
  );
}
