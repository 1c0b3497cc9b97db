import type { RouterOutputs } from "@guild/api";
import { LEAD_IMPORT_REASON } from "@guild/api/schemas/lead-import";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { LeadFieldChanges } from "./lead-field-changes.tsx";
import { leadStatuses, statusLabel } from "./lead-labels.tsx";
import { LeadNoteEntry } from "./lead-note-entry.tsx";
import { LeadNoteForm } from "./lead-note-form.tsx";
import { useAddLeadNote } from "./use-lead-notes.ts";

type TimelineEntry = RouterOutputs["lead"]["timeline"]["items"][number];
/** What the activity log recorded. */
type Entry = Extract<TimelineEntry, { type: "activity" }>;

/** Entries a page: a lead's history is read from the top, older ones on request. */
const PAGE = 20;

/** How an edit names each field it changed (the activity log keeps the column names). */
const fieldNames: Record<string, string> = {
  name: "the name",
  email: "the email",
  company: "the company",
  phone: "the phone",
  status: "the status",
  source: "the source",
  valueCents: "the value",
  notes: "the notes",
  ownerMemberId: "the owner",
};

function statusOf(value: unknown): string {
  const status = leadStatuses.find((s) => s === value);
  return status ? statusLabel(status) : "none";
}

function fileOf(entry: Entry, side: "from" | "to"): string {
  const name = entry.changes?.attachment?.[side];
  return typeof name === "string" ? name : "a file";
}

/** "the company and the value", "the name, the email and the notes". */
function listOf(fields: string[]): string {
  const names = fields.map((field) => fieldNames[field] ?? field);
  return names.length <= 1
    ? (names[0] ?? "nothing")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** What the entry says its actor did, in words (the actor's name comes before it). */
function describe(entry: Entry): string {
  const changes = entry.changes ?? {};
  switch (entry.action) {
    case "lead.created":
      return entry.actorReason === LEAD_IMPORT_REASON
        ? "imported the lead from a CSV file"
        : "added the lead";
    case "lead.status_changed":
      return `changed the status from ${statusOf(changes.status?.from)} to ${statusOf(changes.status?.to)}`;
    case "lead.updated": {
      const fields = Object.keys(changes);
      return fields.length === 0 ? "saved the lead unchanged" : `changed ${listOf(fields)}`;
    }
    case "lead.deleted":
      return "deleted the lead";
    case "lead.restored":
      return "restored the lead";
    case "lead.attachment_added":
      return `attached ${fileOf(entry, "to")}`;
    case "lead.attachment_removed":
      return `deleted the file ${fileOf(entry, "from")}`;
    default:
      return entry.action;
  }
}

function actorOf(entry: Entry): string {
  if (entry.actorKind === "system") return "Guild";
  // A member who has left keeps their entries, without a name.
  return entry.actorName ?? "Former member";
}

/**
 * A lead's history, newest first: what the activity log recorded (who added, edited, moved,
 * attached; an edit field by field, from what to what) among the notes and logged calls,
 * meetings and emails members wrote. Lead changes (here or live from others) refetch it with
 * every other lead query.
 */
export function LeadTimeline({ leadId }: { leadId: string }) {
  const trpc = useOrgTRPC();
  const timeline = useInfiniteQuery(
    trpc.lead.timeline.infiniteQueryOptions(
      { id: leadId, limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  const memberNames: Record<string, string> = {};
  for (const page of timeline.data?.pages ?? []) Object.assign(memberNames, page.memberNames);
  const add = useAddLeadNote();

  return (
    <Card title="Timeline">
      <div className="mb-5 border-b border-border pb-5">
        <LeadNoteForm
          idPrefix="new-note"
          pending={add.isPending}
          serverError={add.error}
          onSubmit={(input) => add.mutateAsync({ ...input, leadId })}
        />
      </div>
      {timeline.isPending ? (
        <LoadingState label="Loading the timeline…" />
      ) : timeline.error ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing has happened to this lead yet.</p>
      ) : (
        <>
          <ul aria-label="Timeline" className="space-y-3">
            {entries.map((entry) => (
              <li key={entry.id} className="text-sm wrap-anywhere text-foreground">
                {entry.type === "note" ? (
                  <LeadNoteEntry note={entry} />
                ) : (
                  <>
                    <span className="font-medium text-foreground">{actorOf(entry)}</span>{" "}
                    {describe(entry)}
                    {entry.action === "lead.updated" && entry.changes && (
                      <LeadFieldChanges changes={entry.changes} memberNames={memberNames} />
                    )}
                    <time
                      dateTime={entry.createdAt.toISOString()}
                      className="block text-xs text-muted-foreground"
                    >
                      {formatDateTime(entry.createdAt)}
                    </time>
                  </>
                )}
              </li>
            ))}
          </ul>
          {timeline.hasNextPage && (
            <Button
              variant="secondary"
              size="sm"
              className="mt-4"
              pending={timeline.isFetchingNextPage}
              onClick={() => void timeline.fetchNextPage()}
            >
              Show older
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
