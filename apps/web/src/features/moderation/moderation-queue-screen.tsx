import { canOpen } from "@guild/api/policies/back-office";
import { can as canMember } from "@guild/api/policies/member";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { LoadOnScroll } from "../../components/load-on-scroll.tsx";
import { EmptyState, ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { BanDialog, type BanTarget } from "./ban-dialog.tsx";
import { BansList } from "./bans-list.tsx";
import { reasonWords } from "./report-reasons.ts";
import { useOpenReports, useResolveReport } from "./use-moderation.ts";

/**
 * The report queue (/o/$slug/moderation): open reports, oldest first, each dismissed or acted on,
 * its author banned where the moderator may; below it, for admins, the bans.
 */
export function ModerationQueueScreen() {
  const { slug } = useParams({ from: "/authed/o/$slug/moderation" });
  const me = useCurrentOrganization().membership;
  const [banning, setBanning] = useState<BanTarget | null>(null);
  const reports = useOpenReports();
  const resolve = useResolveReport();
  const rows = reports.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader
        title="Moderation"
        description="Reports from members, oldest first. Dismiss a report, or hide or delete what it is about."
      />
      {resolve.error && <FormAlert>Could not resolve: {errorMessage(resolve.error)}</FormAlert>}
      {reports.isPending ? (
        <LoadingState label="Loading reports…" />
      ) : reports.error ? (
        <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No open reports">Reports members send will be listed here.</EmptyState>
      ) : (
        <section aria-label="Open reports">
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface shadow-sm">
            {rows.map((report) => (
              <li key={report.id} className="flex flex-col gap-2 px-4 py-3 sm:px-6">
                <p className="text-sm text-foreground">
                  <span className="font-medium">{reasonWords[report.reason]}</span>
                  {report.commentId ? " · a comment on " : " · "}
                  <Link
                    to="/o/$slug/s/$spaceSlug/p/$postId"
                    params={{ slug, spaceSlug: report.spaceSlug, postId: report.postId }}
                    className="font-medium text-accent-foreground underline"
                  >
                    {report.postTitle ?? "a short update"}
                  </Link>{" "}
                  in {report.spaceName}
                  {report.hidden && <span className="text-muted-foreground"> (hidden)</span>}
                </p>
                <p className="text-sm wrap-anywhere whitespace-pre-wrap text-muted-foreground">
                  {report.excerpt}
                </p>
                {report.details && (
                  <p className="text-sm wrap-anywhere text-foreground">“{report.details}”</p>
                )}
                <p className="text-xs text-muted-foreground">
                  By {report.authorName ?? "a former member"} · reported by{" "}
                  {report.reporterName ?? "a former member"} ·{" "}
                  <time dateTime={report.createdAt.toISOString()}>
                    {formatDateTime(report.createdAt)}
                  </time>
                </p>
                <div className="flex flex-wrap gap-2">
                  {(["dismiss", "hide", "delete"] as const).map((resolution) => (
                    <Button
                      key={resolution}
                      variant={resolution === "delete" ? "danger" : "secondary"}
                      disabled={resolve.isPending}
                      onClick={() => resolve.mutate({ id: report.id, resolution })}
                    >
                      {resolution === "dismiss"
                        ? "Dismiss"
                        : resolution === "hide"
                          ? "Hide"
                          : "Delete"}
                    </Button>
                  ))}
                  {report.authorMemberId &&
                    report.authorRole &&
                    canMember(me, "ban", {
                      target: { id: report.authorMemberId, role: report.authorRole },
                    }) && (
                      <Button
                        variant="danger-ghost"
                        onClick={() =>
                          report.authorMemberId &&
                          setBanning({
                            id: report.authorMemberId,
                            name: report.authorName ?? "this member",
                          })
                        }
                      >
                        Ban author<span className="sr-only"> {report.authorName}</span>
                      </Button>
                    )}
                </div>
              </li>
            ))}
          </ul>
          {reports.hasNextPage && (
            <LoadOnScroll
              loading={reports.isFetchingNextPage}
              error={reports.isFetchNextPageError}
              noun="reports"
              onLoadMore={() => void reports.fetchNextPage()}
            />
          )}
        </section>
      )}
      {canOpen(me, "bans") && <BansList />}
      {banning && (
        <BanDialog
          member={banning}
          onClose={() => setBanning(null)}
          onBanned={() => void reports.refetch()}
        />
      )}
    </>
  );
}
