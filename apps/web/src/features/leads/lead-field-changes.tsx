import { formatMoney } from "../../lib/format.ts";
import { leadSources, leadStatuses, sourceLabel, statusLabel } from "./lead-labels.tsx";

/** Per changed field, as the activity log keeps it. */
type Changes = Record<string, { from: unknown; to: unknown }>;

/** Field labels, in the order the edit form shows them. */
const fieldLabels: ReadonlyArray<readonly [string, string]> = [
  ["name", "Name"],
  ["email", "Email"],
  ["phone", "Phone"],
  ["company", "Company"],
  ["valueCents", "Value"],
  ["status", "Status"],
  ["source", "Source"],
  ["ownerMemberId", "Owner"],
  ["notes", "Notes"],
];

/** Long notes are shown by their start; the whole text is the hover title. */
const SHOWN_CHARACTERS = 80;

/** A field's value in words: a label, money, a member's name, or the text itself. */
function inWords(field: string, value: unknown, memberNames: Record<string, string>): string {
  if (value === null || value === undefined || value === "")
    return field === "ownerMemberId" ? "no owner" : "empty";
  if (field === "valueCents" && typeof value === "number") return formatMoney(value);
  if (field === "ownerMemberId" && typeof value === "string")
    return memberNames[value] ?? "a former member";
  const status = field === "status" ? leadStatuses.find((s) => s === value) : undefined;
  if (status) return statusLabel(status);
  const source = field === "source" ? leadSources.find((s) => s === value) : undefined;
  if (source) return sourceLabel(source);
  return String(value);
}

function Value({ text }: { text: string }) {
  const short =
    text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS).trimEnd()}…` : text;
  return (
    <span className="font-medium text-foreground" title={short === text ? undefined : text}>
      {short}
    </span>
  );
}

/** What an edit changed, field by field, from what to what. */
export function LeadFieldChanges({
  changes,
  memberNames,
}: {
  changes: Changes;
  memberNames: Record<string, string>;
}) {
  const rows = fieldLabels.flatMap(([field, label]) => {
    const change = changes[field];
    return change ? [{ field, label, change }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <div className="mt-1 space-y-0.5 text-xs text-muted-foreground">
      {rows.map(({ field, label, change }) => (
        <p key={field}>
          {label}: <Value text={inWords(field, change.from, memberNames)} /> →{" "}
          <Value text={inWords(field, change.to, memberNames)} />
        </p>
      ))}
    </div>
  );
}
