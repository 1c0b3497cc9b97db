// The learning activity log (issue 12 §3): sign-ins, lessons, quizzes, posts and session joins,
// newest first, with where each came from. Members read their own; admins may switch to the
// organization's (the API decides who may).
import type { RouterOutputs } from "@guild/api";
import { type ActivityLogKind, activityLogKinds, hasRole } from "@guild/db/enums";
import { useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { AuditLogPage } from "../audit-log/audit-log-page.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useActivityLog } from "./use-learning-stats.ts";

type Entry = RouterOutputs["activity"]["mine"]["items"][number];

const kindLabels: Record<ActivityLogKind, string> = {
  sign_in: "Sign-ins",
  lesson: "Lessons",
  quiz: "Quizzes",
  post: "Posts",
  session: "Session joins",
};

function describe(entry: Entry): string {
  const what = entry.targetTitle ? `“${entry.targetTitle}”` : null;
  switch (entry.kind) {
    case "sign_in":
      return "Signed in";
    case "lesson":
      return `Completed the lesson ${what ?? "(no longer visible)"}`;
    case "quiz":
      return `${entry.passed ? "Passed" : "Took"} the quiz in ${what ?? "a lesson"}${entry.score === null ? "" : ` · ${entry.score}%`}`;
    case "post":
      return `Published the post ${what ?? "(no longer visible)"}`;
    case "session":
      return `Joined the live session ${what ?? "(no longer visible)"}`;
  }
}

/** Where a request came from, as one line: address, browser and session. */
function origin(entry: Entry): string | null {
  const parts = [
    entry.ip,
    entry.userAgent,
    entry.sessionId ? `session ${entry.sessionId.slice(0, 8)}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(" · ") : null;
}

export function ActivityLogScreen() {
  const { membership } = useCurrentOrganization();
  const isAdmin = hasRole(membership.role, "admin");
  const [whose, setWhose] = useState<"mine" | "organization">("mine");
  const [kinds, setKinds] = useState<ActivityLogKind[]>([]);
  const log = useActivityLog(whose, kinds);
  const toggle = (kind: ActivityLogKind) =>
    setKinds((current) =>
      current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind],
    );
  const toolbar = (
    <div className="mb-4 flex flex-wrap items-center gap-2">
      {isAdmin && (
        <fieldset className="mr-2 flex gap-1">
          <legend className="sr-only">Whose activity</legend>
          {(["mine", "organization"] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={whose === value}
              onClick={() => setWhose(value)}
              className="rounded-md px-3 py-1.5 text-sm ring-1 ring-input ring-inset aria-pressed:bg-primary aria-pressed:text-primary-foreground"
            >
              {value === "mine" ? "Mine" : "Everyone"}
            </button>
          ))}
        </fieldset>
      )}
      <fieldset className="flex flex-wrap gap-1">
        <legend className="sr-only">Kinds of activity</legend>
        {activityLogKinds.map((kind) => (
          <button
            key={kind}
            type="button"
            aria-pressed={kinds.includes(kind)}
            onClick={() => toggle(kind)}
            className="rounded-full px-3 py-1 text-sm ring-1 ring-input ring-inset aria-pressed:bg-primary aria-pressed:text-primary-foreground"
          >
            {kindLabels[kind]}
          </button>
        ))}
      </fieldset>
    </div>
  );
  return (
    <AuditLogPage
      title="Activity"
      toolbar={toolbar}
      log={log}
      description={
        whose === "mine"
          ? "Your sign-ins, lessons, quizzes, posts and session joins, newest first."
          : "Everyone's sign-ins, lessons, quizzes, posts and session joins, newest first."
      }
      empty={kinds.length > 0 ? "No activity of these kinds yet." : "Activity will be listed here."}
      entry={(row) => {
        const from = origin(row);
        return (
          <>
            <p className="text-sm text-foreground">
              {whose === "organization" && (
                <span className="font-medium">{row.memberName ?? "Former member"}: </span>
              )}
              {describe(row)}
            </p>
            <p className="text-xs wrap-anywhere text-muted-foreground">
              <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt)}</time>
              {from ? ` · ${from}` : ""}
            </p>
          </>
        );
      }}
    />
  );
}
