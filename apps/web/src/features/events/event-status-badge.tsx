import type { CalendarEvent } from "../calendar/calendar-event.ts";

/**
 * "Live now" and "Cancelled" said in words (colour only adds to it). Scheduled says nothing (the
 * date does), ended says "Ended" where past events are listed with upcoming ones.
 */
export function EventStatusBadge({ status }: { status: CalendarEvent["status"] }) {
  if (status === "scheduled") return null;
  const look =
    status === "live"
      ? "bg-danger-solid text-danger-foreground"
      : status === "cancelled"
        ? "bg-danger-muted text-danger ring-1 ring-inset ring-danger-border"
        : "bg-muted text-muted-foreground";
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${look}`}
    >
      {status === "live" && (
        <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-current" />
      )}
      {status === "live" ? "Live now" : status === "cancelled" ? "Cancelled" : "Ended"}
    </span>
  );
}
