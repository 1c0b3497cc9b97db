import { type DragEvent, useEffect, useRef, useState } from "react";
import { dropped, moved } from "./course-labels.ts";

/**
 * One ordered list the author rearranges (a course's modules, a module's lessons): by dragging a
 * row onto another, or with each row's Move up and Move down buttons. The new order shows at
 * once and is saved at once (`save`, every id in order); until the server's order arrives it is
 * kept here, and a refusal puts the server's back. A moved row's button keeps the focus (the
 * row is rendered anew in its place), and the new place is announced.
 */
export function useReorder({
  ids,
  nameOf,
  save,
}: {
  ids: readonly string[];
  nameOf: (id: string) => string;
  save: (ids: string[], settled: () => void) => void;
}) {
  const [pending, setPending] = useState<string[] | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [dragged, setDragged] = useState<string | null>(null);
  const focusAfter = useRef<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const current = pending ?? [...ids];

  useEffect(() => {
    const key = focusAfter.current;
    if (!key || !list.current) return;
    focusAfter.current = null;
    const button = list.current.querySelector<HTMLButtonElement>(`[data-focus-key="${key}"]`);
    const other = key.startsWith("up:") ? `down:${key.slice(3)}` : `up:${key.slice(5)}`;
    const fallback = list.current.querySelector<HTMLButtonElement>(`[data-focus-key="${other}"]`);
    (button && !button.disabled ? button : fallback)?.focus();
  });

  const apply = (next: string[], id: string) => {
    if (next.join() === current.join()) return;
    setPending(next);
    setAnnouncement(`${nameOf(id)} moved to position ${next.indexOf(id) + 1} of ${next.length}`);
    save(next, () => setPending(null));
  };

  return {
    /** The ids in the order to show. */
    order: current,
    list,
    announcement,
    dragged,
    move(id: string, direction: -1 | 1) {
      focusAfter.current = `${direction < 0 ? "up" : "down"}:${id}`;
      apply(moved(current, current.indexOf(id), direction), id);
    },
    /** What the row's drag handle (or the row itself) spreads on itself. */
    dragProps(id: string) {
      return {
        draggable: true,
        onDragStart(event: DragEvent) {
          event.stopPropagation();
          event.dataTransfer.effectAllowed = "move";
          event.dataTransfer.setData("text/plain", nameOf(id));
          setDragged(id);
        },
        onDragEnd() {
          setDragged(null);
        },
      };
    },
    /** What the row spreads on itself: another row dropped on it takes its place. */
    dropProps(id: string) {
      return {
        onDragOver(event: DragEvent) {
          if (dragged === null || !current.includes(dragged)) return;
          event.preventDefault();
          event.stopPropagation();
          event.dataTransfer.dropEffect = "move";
        },
        onDrop(event: DragEvent) {
          if (dragged === null || !current.includes(dragged)) return;
          event.preventDefault();
          event.stopPropagation();
          const which = dragged;
          setDragged(null);
          // Dropped on a row further down: it goes after that row; further up, before it.
          const from = current.indexOf(which);
          const to = current.indexOf(id);
          const before = to > from ? (current[to + 1] ?? null) : id;
          apply(dropped(current, which, before), which);
        },
      };
    },
  };
}
