// A due time as a datetime-local input holds it: the person's own time zone, to the minute.

const pad = (n: number) => String(n).padStart(2, "0");

/** A Date as a datetime-local value, e.g. "2026-12-03T09:00". */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as a Date (an Invalid Date when it is not one). */
export function fromLocalInput(value: string): Date {
  return /^\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
}

/** Tomorrow at 9:00, the default for a new task. */
export function tomorrowMorning(now = new Date()): Date {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return date;
}

export function isOverdue(task: { dueAt: Date; doneAt: Date | null }, now = Date.now()): boolean {
  return !task.doneAt && task.dueAt.getTime() < now;
}
