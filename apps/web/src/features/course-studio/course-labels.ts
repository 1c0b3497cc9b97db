import type { CourseAccess, CourseStatus, LessonDifficulty } from "@guild/db/enums";

export const accessLabels: Record<CourseAccess, string> = {
  free: "Free: every member who sees the space",
  tier: "By member tier",
  grant: "By admin grant",
};

export const statusLabels: Record<CourseStatus, string> = {
  draft: "Draft",
  published: "Published",
};

export const difficultyLabels: Record<LessonDifficulty, string> = {
  beginner: "Beginner",
  intermediate: "Intermediate",
  advanced: "Advanced",
};

/** A lesson's estimated time: "45 min", "1 h 30 min". */
export function minutesText(minutes: number) {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** A list with one item moved one place (`direction` −1: up, 1: down); unchanged at an end. */
export function moved<T>(list: readonly T[], index: number, direction: -1 | 1): T[] {
  const target = index + direction;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}

/** A list with `id` put just before `beforeId` (null: at the end), as a drop places it. */
export function dropped(ids: readonly string[], id: string, beforeId: string | null): string[] {
  if (id === beforeId) return [...ids];
  const rest = ids.filter((x) => x !== id);
  const at = beforeId === null ? rest.length : rest.indexOf(beforeId);
  rest.splice(at < 0 ? rest.length : at, 0, id);
  return rest;
}
