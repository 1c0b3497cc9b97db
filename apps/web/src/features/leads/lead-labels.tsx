import type { RouterOutputs } from "@guild/api";
import {
  leadSourceLabels,
  leadSourceSchema,
  leadStatusLabels,
  leadStatusSchema,
} from "@guild/api/schemas/lead";

export type Lead = RouterOutputs["lead"]["byId"];
export type LeadStatus = Lead["status"];
export type LeadSource = Lead["source"];

/** In pipeline order: new → contacted → qualified → proposal → negotiation → won / lost. */
export const leadStatuses = leadStatusSchema.options;
export const leadSources = leadSourceSchema.options;

export function statusLabel(status: LeadStatus): string {
  return leadStatusLabels[status];
}

export function sourceLabel(source: LeadSource): string {
  return leadSourceLabels[source];
}

const statusColors: Record<LeadStatus, string> = {
  new: "bg-sky-50 text-sky-800 ring-sky-200",
  contacted: "bg-violet-50 text-violet-800 ring-violet-200",
  qualified: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  proposal: "bg-amber-50 text-amber-800 ring-amber-200",
  negotiation: "bg-orange-50 text-orange-800 ring-orange-200",
  won: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  lost: "bg-slate-100 text-slate-700 ring-slate-200",
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
