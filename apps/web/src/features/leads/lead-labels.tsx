import type { RouterOutputs } from "@guild/api";
import { leadSourceLabels, leadStatusLabels } from "@guild/api/schemas/lead-constants";

export type Lead = RouterOutputs["lead"]["byId"];
export type LeadStatus = Lead["status"];
export type LeadSource = Lead["source"];

/** In pipeline order: new → contacted → qualified → proposal → negotiation → won / lost. */
export { leadSources, leadStatuses } from "@guild/db/enums";

export function statusLabel(status: LeadStatus): string {
  return leadStatusLabels[status];
}

export function sourceLabel(source: LeadSource): string {
  return leadSourceLabels[source];
}

const statusColors: Record<LeadStatus, string> = {
  new: "bg-info-muted text-info ring-info-border",
  contacted:
    "bg-violet-50 text-violet-800 ring-violet-200 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-900",
  qualified: "bg-accent text-accent-foreground ring-accent-border",
  proposal: "bg-warning-muted text-warning ring-warning-border",
  negotiation:
    "bg-orange-50 text-orange-800 ring-orange-200 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-900",
  won: "bg-success-muted text-success ring-success-border",
  lost: "bg-muted text-foreground ring-border",
};

export function StatusBadge({ status }: { status: LeadStatus }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${statusColors[status]}`}
    >
      {leadStatusLabels[status]}
    </span>
  );
}

/** Open deals: everything not yet won or lost. */
export function isOpenStatus(status: LeadStatus): boolean {
  return status !== "won" && status !== "lost";
}
