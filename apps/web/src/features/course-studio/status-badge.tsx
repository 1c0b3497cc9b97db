import type { CourseStatus } from "@guild/db/enums";
import { statusLabels } from "./course-labels.ts";

/** Draft or published, said in words (colour only adds to it). */
export function StatusBadge({ status }: { status: CourseStatus }) {
  return (
    <span
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ${
        status === "published" ? "bg-success-muted text-success" : "bg-muted text-muted-foreground"
      }`}
    >
      {statusLabels[status]}
    </span>
  );
}
