// The organization's certificates (issue 12 §2, admins): every member's, revoked ones included,
// newest issued first; filtered by course and by the member's name; each with its public
// verification page and, while valid, a Revoke button (a dialog asks why).
import type { RouterOutputs } from "@guild/api";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { inputClass, selectClass } from "../../components/field.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDate } from "../../lib/format.ts";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";
import { RevokeCertificateDialog, type RevokeTarget } from "./revoke-certificate-dialog.tsx";
import { useCertificateCourses, useCertificateList } from "./use-certificates-admin.ts";

type Row = RouterOutputs["certificate"]["list"]["items"][number];

const linkClass = "text-sm font-medium text-accent-foreground underline underline-offset-4";

function Status({ row }: { row: Row }) {
  if (!row.revokedAt) return <span className="text-sm text-success">Valid</span>;
  return (
    <div className="text-sm">
      <p className="font-medium text-danger">
        Revoked {formatDate(row.revokedAt)}
        {row.revokedByName ? ` by ${row.revokedByName}` : ""}
      </p>
      {row.revokedReason && (
        <p className="wrap-anywhere text-muted-foreground">{row.revokedReason}</p>
      )}
    </div>
  );
}

export function CertificatesAdminScreen() {
  const [courseId, setCourseId] = useState("");
  const [searchText, setSearchText] = useState("");
  const search = useDebouncedValue(searchText.trim());
  const courses = useCertificateCourses();
  const list = useCertificateList({
    ...(courseId ? { courseId } : {}),
    ...(search ? { search: search.slice(0, 100) } : {}),
  });
  const [revoking, setRevoking] = useState<RevokeTarget | null>(null);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = courseId !== "" || search !== "";
  return (
    <>
      <PageHeader
        title="Certificates"
        description="Every member's certificates, newest first. Revoke one issued by mistake: its public page then says it was revoked."
      />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm font-medium text-foreground">
          Search by member name
          <input
            type="search"
            className={inputClass}
            value={searchText}
            maxLength={100}
            onChange={(event) => setSearchText(event.target.value)}
          />
        </label>
        <label className="flex min-w-48 flex-col gap-1 text-sm font-medium text-foreground">
          Course
          <select
            className={selectClass}
            value={courseId}
            onChange={(event) => setCourseId(event.target.value)}
          >
            <option value="">All courses</option>
            {(courses.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.isPending ? (
        <LoadingState label="Loading the certificates…" />
      ) : list.error && rows.length === 0 ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? "No matching certificates" : "No certificates yet"}>
          {filtered
            ? "No certificate matches this course and name."
            : "Members receive one when they complete every lesson of a course."}
        </EmptyState>
      ) : (
        <>
          <ul
            aria-label="Certificates"
            className="divide-y divide-border rounded-lg border border-border bg-surface"
          >
            {rows.map((row) => (
              <li
                key={row.id}
                aria-label={`${row.recipientName}: ${row.courseTitle}`}
                className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between"
              >
                <div className="min-w-0 space-y-1">
                  <p className="font-medium wrap-anywhere text-foreground">{row.recipientName}</p>
                  <p className="text-sm wrap-anywhere text-muted-foreground">
                    {row.courseTitle} · completed {formatDate(row.completedAt)}
                  </p>
                  <Status row={row} />
                </div>
                <div className="flex shrink-0 flex-wrap items-center gap-3">
                  <a href={row.verifyPath} className={linkClass}>
                    Verification page
                    <span className="sr-only">
                      : {row.recipientName}, {row.courseTitle}
                    </span>
                  </a>
                  {!row.revokedAt && (
                    <Button
                      variant="secondary"
                      onClick={() =>
                        setRevoking({
                          id: row.id,
                          recipientName: row.recipientName,
                          courseTitle: row.courseTitle,
                        })
                      }
                    >
                      Revoke
                      <span className="sr-only">
                        : {row.recipientName}, {row.courseTitle}
                      </span>
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <LoadMore list={list} failure="The next certificates could not be loaded." />
        </>
      )}
      {revoking && <RevokeCertificateDialog target={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}
