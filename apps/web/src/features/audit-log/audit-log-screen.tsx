import type { RouterOutputs } from "@guild/api";
import { formatDateTime } from "../../lib/format.ts";
import { AuditLogPage } from "./audit-log-page.tsx";
import { useOrganizationAuditLog } from "./use-audit-log.ts";

type Entry = RouterOutputs["activity"]["list"]["items"][number];

/**
 * What an action was, in words. The log keeps every domain's actions; those without words here
 * read as their recorded name ("lead_note.created" → "lead note created"), never as nothing.
 */
const actionWords: Record<string, string> = {
  "member.removed": "removed a member",
  "member.role_changed": "changed a member's role",
  "member.crm_access_changed": "changed a member's CRM access",
  "credit.granted": "granted credits",
  "member_tier.granted": "granted a member tier",
  "member_tier.revoked": "revoked a member tier",
  "post.pinned": "pinned a post",
  "post.unpinned": "unpinned a post",
  "post.locked": "locked a post",
  "post.unlocked": "unlocked a post",
  "post.hidden": "hid a post",
  "post.unhidden": "made a post visible again",
  "post.moderator_deleted": "deleted a post",
  "comment.hidden": "hid a comment",
  "comment.unhidden": "made a comment visible again",
  "comment.moderator_deleted": "deleted a comment",
  "report.dismissed": "dismissed a report",
  "report.resolved": "acted on a report",
  "certificate.revoked": "revoked a certificate",
  "event.created": "created an event",
  "event.updated": "edited an event",
  "event.cancelled": "cancelled an event",
  "event.deleted": "deleted an event",
};

function wordsFor(action: string): string {
  return actionWords[action] ?? action.replaceAll("_", " ").replace(".", " ");
}

function actorOf(entry: Entry): string {
  if (entry.actorKind === "system")
    return entry.actorReason ? `Guild (${entry.actorReason})` : "Guild";
  if (entry.actorKind === "visitor") return "A visitor";
  return entry.actorName ?? "Former member";
}

/** The changed fields, as "role: member → moderator". */
function changesOf(entry: Entry): string | null {
  const changes = entry.changes;
  if (!changes) return null;
  const parts = Object.entries(changes).map(
    ([field, change]) => `${field}: ${show(change.from)} → ${show(change.to)}`,
  );
  return parts.length > 0 ? parts.join(" · ") : null;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** The organization's audit log (admins): every recorded action, moderation included. */
export function OrganizationAuditLogScreen() {
  return (
    <AuditLogPage
      log={useOrganizationAuditLog()}
      description="Who did what in this organization, newest first: roles, removals, grants and moderation."
      empty="Actions taken in this organization will be listed here."
      entry={(row) => {
        const changes = changesOf(row);
        return (
          <>
            <p className="text-sm text-foreground">
              <span className="font-medium">{actorOf(row)}</span> {wordsFor(row.action)}
            </p>
            {changes && <p className="text-sm wrap-anywhere text-muted-foreground">{changes}</p>}
            <p className="text-xs wrap-anywhere text-muted-foreground">
              <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt)}</time> ·{" "}
              {row.targetType} {row.targetId}
            </p>
          </>
        );
      }}
    />
  );
}
