import type { RouterOutputs } from "@guild/api";
import { formatDateTime } from "../../lib/format.ts";
import { AuditLogPage } from "../audit-log/audit-log-page.tsx";
import { useAuditLog } from "./use-admin.ts";

type AuditRow = RouterOutputs["admin"]["auditLog"]["list"]["items"][number];

const actionLabels: Record<AuditRow["action"], string> = {
  "user.ban": "Banned a user",
  "user.unban": "Unbanned a user",
  "user.impersonate.start": "Started impersonating",
  "user.impersonate.stop": "Stopped impersonating",
  "stripe_event.replay": "Replayed a Stripe event",
  "organization.comp_plan": "Comped a plan",
  "organization.end_comp": "Ended a comped plan",
  "plan.update": "Edited a plan",
};

/** What the details say in words: the email or type the action concerned, and a ban's reason. */
function summary(row: AuditRow): string {
  const d = row.details;
  const parts = [d.email, d.type, d.name, d.reason ? `“${String(d.reason)}”` : null].filter(
    (part) => typeof part === "string" && part !== "",
  );
  return parts.length > 0 ? parts.join(" · ") : row.targetId;
}

export function AuditLogScreen() {
  return (
    <AuditLogPage
      log={useAuditLog()}
      description="Every action taken in this console, newest first."
      empty="Admin actions will be listed here."
      entry={(row) => (
        <>
          <p className="text-sm text-foreground">
            <span className="font-medium">{actionLabels[row.action]}</span>{" "}
            <span className="wrap-anywhere text-muted-foreground">{summary(row)}</span>
          </p>
          <p className="text-xs wrap-anywhere text-muted-foreground">
            {row.actorEmail} · <time dateTime={row.at.toISOString()}>{formatDateTime(row.at)}</time>
            {row.ip && ` · ${row.ip}`}
          </p>
        </>
      )}
    />
  );
}
