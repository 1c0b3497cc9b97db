import type { LeadImportStatus } from "@guild/db/enums";
import { Link } from "@tanstack/react-router";
import { Button, buttonClass } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { type LeadImport, useLeadImportHistory } from "./use-lead-import.ts";

const count = (n: number) => n.toLocaleString("en");

const importStatusLabels: Record<LeadImportStatus, string> = {
  uploading: "Upload stopped",
  queued: "Waiting to start",
  running: "Importing",
  done: "Done",
  rejected: "Nothing imported",
  failed: "Failed",
  cancelled: "Cancelled",
};

/**
 * Where an import stands, in a word. An upload whose rows are still arriving (from another tab
 * or device) is "Uploading", not "Upload stopped": the server tells them apart by its last rows.
 */
export function importStatusLabel(item: Pick<LeadImport, "status" | "uploadInProgress">): string {
  return item.uploadInProgress ? "Uploading" : importStatusLabels[item.status];
}

/** The link that downloads an import's bad rows as CSV (GET /api/export/lead-import-errors.csv). */
export function badRowsCsvUrl(slug: string, id: string): string {
  return `/api/export/lead-import-errors.csv?${new URLSearchParams({ org: slug, id })}`;
}

/** The organization's earlier imports: what, who, when, where each stands, and its bad rows. */
export function ImportHistory() {
  const history = useLeadImportHistory();
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  if (history.isSuccess && items.length === 0) return null;
  return (
    <Card title="Earlier imports" description="Every import of this organization, newest first.">
      {history.isPending ? (
        <LoadingState label="Loading the imports…" />
      ) : history.error ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <div className="space-y-3">
          <ul aria-label="Earlier imports" className="divide-y divide-border">
            {items.map((item) => (
              <HistoryItem key={item.id} item={item} />
            ))}
          </ul>
          {history.hasNextPage && (
            <Button
              variant="secondary"
              size="sm"
              pending={history.isFetchingNextPage}
              onClick={() => void history.fetchNextPage()}
            >
              Show more
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}

function HistoryItem({ item }: { item: LeadImport }) {
  const { slug } = useCurrentOrganization();
  const by = item.createdByName ?? "A former member";
  return (
    <li className="flex flex-wrap items-start justify-between gap-2 py-3">
      <div className="min-w-0 space-y-0.5">
        <Link
          to="/o/$slug/leads/import"
          params={{ slug }}
          search={{ id: item.id }}
          className="font-medium wrap-anywhere text-foreground underline-offset-2 hover:underline"
        >
          {item.fileName}
        </Link>
        <p className="text-xs text-muted-foreground">
          {by} · {formatDateTime(item.createdAt)} · {importStatusLabel(item)}
        </p>
        <p className="text-xs text-muted-foreground">
          {count(item.importedRows)} imported, {count(item.duplicateRows)} duplicates,{" "}
          {count(item.invalidRows)} bad of {count(item.totalRows)} rows
        </p>
      </div>
      {item.invalidRows > 0 && (
        <a
          href={badRowsCsvUrl(slug, item.id)}
          download
          className={buttonClass("secondary", "sm")}
          aria-label={`Bad rows (CSV) of ${item.fileName}`}
        >
          Bad rows (CSV)
        </a>
      )}
    </li>
  );
}
