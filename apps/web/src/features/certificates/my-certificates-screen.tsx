// "My certificates" (issue 12 §2): the member's certificates in the organization, each with its
// PDF and its public verification page, linked from the learner dashboard.
import { useQuery } from "@tanstack/react-query";
import { PageHeader } from "../../components/card.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDate } from "../../lib/format.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";

const linkClass = "text-sm font-medium text-accent-foreground underline underline-offset-4";

export function MyCertificatesScreen() {
  const trpc = useOrgTRPC();
  const mine = useQuery(trpc.certificate.mine.queryOptions());
  if (mine.isPending) return <LoadingState label="Loading your certificates…" />;
  if (mine.error) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <>
      <PageHeader
        title="Your certificates"
        description="One for each course you completed, with a page anyone can check it on."
      />
      {mine.data.length === 0 ? (
        <EmptyState title="No certificates yet">
          Complete every lesson of a course to receive its certificate.
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {mine.data.map((cert) => (
            <li
              key={cert.id}
              aria-label={cert.courseTitle}
              className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-4 shadow-sm"
            >
              <h2 className="font-semibold text-foreground wrap-anywhere">{cert.courseTitle}</h2>
              <p className="text-sm text-muted-foreground">
                Completed {formatDate(cert.completedAt)}
              </p>
              <div className="flex flex-wrap gap-4">
                <a href={cert.downloadPath} className={linkClass}>
                  Download (PDF)<span className="sr-only">: {cert.courseTitle}</span>
                </a>
                <a href={cert.verifyPath} className={linkClass}>
                  Verification page<span className="sr-only">: {cert.courseTitle}</span>
                </a>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
