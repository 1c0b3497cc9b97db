import { hasCrmAccess } from "../policies/lead.ts";
import { notificationKind } from "./define.ts";

/**
 * A CRM bulk action's summary for the member it gave records to ("Ana assigned you 37 leads"):
 * one per action, with notify's count. Its target is that member; `path` is where their records
 * are listed. A reader who lost CRM access is not shown the link.
 */
export function crmBulkAssigned<const K extends string>(summary: {
  kind: K;
  label: string;
  /** The records' noun: one, many. */
  noun: readonly [string, string];
  path: (memberId: string) => string;
}) {
  const [one, many] = summary.noun;
  return notificationKind({
    kind: summary.kind,
    label: summary.label,
    defaults: { inApp: true, mail: true },
    async describe(scope, targetIds) {
      if (scope.actor.kind === "member" && !hasCrmAccess(scope.actor)) return new Map();
      return new Map(
        targetIds.map((memberId) => [memberId, { name: many, path: summary.path(memberId) }]),
      );
    },
    text: ({ actorName, target, count }) => {
      const what =
        count === null ? many : count === 1 ? `a ${one}` : `${count.toLocaleString("en")} ${many}`;
      const gone = target ? "" : ` that ${count === 1 ? "is" : "are"} no longer available to you`;
      return `${actorName ?? "Someone"} assigned you ${what}${gone}`;
    },
  });
}
