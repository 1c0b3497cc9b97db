import type { RouterOutputs } from "@guild/api";
import { can } from "@guild/api/policies/lead-note";
import { leadNoteOutcomeLabels } from "@guild/api/schemas/lead-note";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { LeadNoteForm } from "./lead-note-form.tsx";
import { useRemoveLeadNote, useUpdateLeadNote } from "./use-lead-notes.ts";

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

/**
 * A note on the timeline: who wrote or logged what, when it happened, and its text. Its author
 * edits it in place; they or an admin delete it, with Undo in the toast.
 */
export function LeadNoteEntry({ note }: { note: LeadNote }) {
  const { membership } = useCurrentOrganization();
  const [editing, setEditing] = useState(false);
  const update = useUpdateLeadNote();
  const { removeNote, isPending: removing } = useRemoveLeadNote();
  const details = detailsOf(note);
  const edited = note.updatedAt.getTime() > note.createdAt.getTime();
  const what = note.kind === "note" ? "note" : note.kind;

  if (editing)
    return (
      <LeadNoteForm
        note={note}
        idPrefix={`note-${note.id}`}
        pending={update.isPending}
        serverError={update.error}
        onSubmit={(input) =>
          update.mutateAsync({ ...input, id: note.id }).then(() => setEditing(false))
        }
        onCancel={() => {
          update.reset();
          setEditing(false);
        }}
      />
    );

  return (
    <article
      aria-label={`${note.authorName ?? "Former member"} ${verbs[note.kind]}`}
      className="rounded-md border border-border bg-subtle p-3"
    >
      <p>
        {/* A member who has left keeps their notes, without a name. */}
        <span className="font-medium text-foreground">{note.authorName ?? "Former member"}</span>{" "}
        {verbs[note.kind]}
        {details && <span className="text-muted-foreground"> · {details}</span>}
      </p>
      <p className="mt-1 whitespace-pre-wrap">{note.body}</p>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground">
          <time dateTime={note.occurredAt.toISOString()}>{formatDateTime(note.occurredAt)}</time>
          {edited && " · edited"}
        </p>
        <div className="flex gap-1">
          {can(membership, "edit", note) && (
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Edit ${what}`}
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
          )}
          {can(membership, "delete", note) && (
            <Button
              size="sm"
              variant="danger-ghost"
              aria-label={`Delete ${what}`}
              pending={removing}
              onClick={() => void removeNote(note.id, what)}
            >
              Delete
            </Button>
          )}
        </div>
      </div>
    </article>
  );
}
