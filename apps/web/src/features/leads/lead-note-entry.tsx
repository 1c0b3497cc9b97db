import type { RouterOutputs } from "@guild/api";
import { leadNoteOutcomeLabels } from "@guild/api/schemas/lead-note";
import { formatDateTime } from "../../lib/format.ts";

type TimelineEntry = RouterOutputs["lead"]["timeline"]["items"][number];
/** A note, or a call, meeting or email a member logged. */
export type LeadNote = Extract<TimelineEntry, { type: "note" }>;

const verbs: Record<LeadNote["kind"], string> = {
  note: "wrote a note",
  call: "logged a call",
  meeting: "logged a meeting",
  email: "logged an email",
};

/** "25 min · Connected": how long a call or meeting took and how it went, where given. */
function detailsOf(note: LeadNote): string {
  const parts: string[] = [];
  if (note.durationMinutes) parts.push(`${note.durationMinutes} min`);
  if (note.outcome) parts.push(leadNoteOutcomeLabels[note.outcome]);
  return parts.join(" · ");
}

/** A note on the timeline: who wrote or logged what, when it happened, and its text. */
export function LeadNoteEntry({ note }: { note: LeadNote }) {
  const details = detailsOf(note);
  const edited = note.updatedAt.getTime() > note.createdAt.getTime();
  return (
    <article className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <p>
        {/* A member who has left keeps their notes, without a name. */}
        <span className="font-medium text-slate-900">{note.authorName ?? "Former member"}</span>{" "}
        {verbs[note.kind]}
        {details && <span className="text-slate-600"> · {details}</span>}
      </p>
      <p className="mt-1 whitespace-pre-wrap">{note.body}</p>
      <p className="mt-1 text-xs text-slate-500">
        <time dateTime={note.occurredAt.toISOString()}>{formatDateTime(note.occurredAt)}</time>
        {edited && " · edited"}
      </p>
    </article>
  );
}
