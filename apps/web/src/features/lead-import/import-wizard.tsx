import {
  type LeadImportField,
  leadImportFieldLabels,
  leadImportFields,
} from "@guild/api/schemas/lead-import";
import type { LeadImportBadRowMode } from "@guild/db/enums";
import { useState } from "react";
import { Button, ButtonLink } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { selectClass } from "../../components/field.tsx";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { FormAlert } from "../../components/states.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import {
  type ColumnMapping,
  type CsvFile,
  guessMapping,
  mappingProblems,
  valuesOf,
} from "./csv-rows.ts";
import { FileDrop } from "./file-drop.tsx";
import { type ReadCsv, readCsvFile } from "./read-csv.ts";
import { useCheckedRows } from "./use-checked-rows.ts";
import {
  type ResumableImport,
  useCancelLeadImport,
  useResumableImport,
  useUploadLeadImport,
} from "./use-lead-import.ts";

const PREVIEW_ROWS = 5;
/** Bad rows listed before the import; the rest are counted (all of them are kept by the server). */
const LISTED_BAD_ROWS = 100;

const badRowChoices: Array<{ mode: LeadImportBadRowMode; label: string }> = [
  { mode: "skip", label: "Skip the bad rows and import the others" },
  { mode: "reject", label: "Import nothing" },
];

/** Pick a file, map its columns, see the first rows and the bad ones, then send it. */
export function ImportWizard({ onStarted }: { onStarted: (id: string) => void }) {
  const [read, setRead] = useState<ReadCsv | null>(null);
  const file = read?.csv ?? null;
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [readError, setReadError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  // An upload of the same file that stopped, offered until the importer continues or declines it.
  const resumable = useResumableImport(read?.fingerprint ?? null);
  const [declined, setDeclined] = useState<string | null>(null);
  const offer =
    resumable.data && resumable.data.id !== declined && file
      ? resumable.data.columnMapping.length === file.headers.length
        ? resumable.data
        : null
      : null;

  const choose = (chosen: File) => {
    setReading(true);
    setReadError(null);
    readCsvFile(chosen).then(
      (parsed) => {
        setRead(parsed);
        setMapping(guessMapping(parsed.csv.headers));
        setReading(false);
        void resumable.ask();
      },
      (error: unknown) => {
        setRead(null);
        setReadError(error instanceof Error ? error.message : "This file could not be read.");
        setReading(false);
      },
    );
  };

  return (
    <div className="space-y-6">
      {/* A file read and mapped but not sent yet is work to lose; once started, the import has
          its own address on this page (?id) and runs on the server. */}
      <UnsavedChangesGuard dirty={file !== null} />
      <Card
        title={file ? file.name : "File"}
        description={
          file
            ? `${file.rows.length.toLocaleString("en")} rows, ${file.headers.length} columns`
            : "Export your leads or contacts as CSV from a spreadsheet or another CRM."
        }
      >
        <div className="space-y-3">
          <FileDrop onFile={choose} disabled={reading} />
          {reading && (
            <p role="status" className="text-sm text-muted-foreground">
              Reading the file…
            </p>
          )}
          {readError && <FormAlert>{readError}</FormAlert>}
        </div>
      </Card>
      {read && offer && (
        <ResumeOffer
          read={read}
          offer={offer}
          onStarted={onStarted}
          onDecline={() => setDeclined(offer.id)}
        />
      )}
      {read && file && !offer && !resumable.isFetching && (
        <MappedFile
          key={`${file.name}:${file.rows.length}`}
          file={file}
          fingerprint={read.fingerprint}
          mapping={mapping}
          onMappingChange={setMapping}
          onStarted={onStarted}
        />
      )}
    </div>
  );
}

/**
 * The same file was being sent when the upload stopped (a closed tab, a lost connection): continue
 * from the first row that did not arrive, with the columns and the choice it was sent with, or
 * start over (the stopped upload is cancelled).
 */
function ResumeOffer({
  read,
  offer,
  onStarted,
  onDecline,
}: {
  read: ReadCsv;
  offer: ResumableImport;
  onStarted: (id: string) => void;
  onDecline: () => void;
}) {
  const { upload, progress } = useUploadLeadImport();
  const cancel = useCancelLeadImport();
  const arrived = Math.max(0, offer.receivedThrough - 1);
  const percent = progress ? Math.round((progress.sentRows / progress.totalRows) * 100) : 0;
  return (
    <Card
      title="Continue the upload?"
      description={`This file was being sent on ${formatDateTime(offer.createdAt)} when the upload stopped.`}
    >
      <div className="space-y-3 text-sm text-foreground">
        <p>
          {arrived.toLocaleString("en")} of {offer.totalRows.toLocaleString("en")} rows arrived.
          Continuing sends the other {(offer.totalRows - arrived).toLocaleString("en")} with the
          same columns, then imports the file.
        </p>
        {upload.error && <FormAlert>{errorMessage(upload.error)}</FormAlert>}
        {cancel.error && <FormAlert>{errorMessage(cancel.error)}</FormAlert>}
        {progress && (
          <ProgressBar
            label="Sending the rows"
            percent={percent}
            className="h-1.5 w-full max-w-md"
          />
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            pending={upload.isPending}
            disabled={cancel.isPending}
            onClick={() =>
              upload.mutate(
                {
                  file: read.csv,
                  fingerprint: read.fingerprint,
                  mapping: offer.columnMapping,
                  badRows: offer.badRows,
                  resume: { id: offer.id, receivedThrough: offer.receivedThrough },
                },
                { onSuccess: (started) => onStarted(started.id) },
              )
            }
          >
            Continue from row {(offer.receivedThrough + 1).toLocaleString("en")}
          </Button>
          <Button
            variant="secondary"
            pending={cancel.isPending}
            disabled={upload.isPending}
            onClick={() => cancel.mutate({ id: offer.id }, { onSuccess: onDecline })}
          >
            Start over
          </Button>
        </div>
      </div>
    </Card>
  );
}

function MappedFile({
  file,
  fingerprint,
  mapping,
  onMappingChange,
  onStarted,
}: {
  file: CsvFile;
  fingerprint: ReadCsv["fingerprint"];
  mapping: ColumnMapping;
  onMappingChange: (mapping: ColumnMapping) => void;
  onStarted: (id: string) => void;
}) {
  const { slug } = useCurrentOrganization();
  const [badRows, setBadRows] = useState<LeadImportBadRowMode>("skip");
  const { upload, progress } = useUploadLeadImport();
  const problems = mappingProblems(mapping);
  const { checked, done } = useCheckedRows(file, mapping, problems.length === 0);
  const mappedFields = leadImportFields.filter((field) => mapping.includes(field));
  const refused = checked !== null && badRows === "reject" && checked.bad.length > 0;
  const percent = progress ? Math.round((progress.sentRows / progress.totalRows) * 100) : 0;

  return (
    <>
      <Card
        title="Columns"
        description="Choose the lead field each column fills. Columns were matched by their headers. An Owner column names a colleague with CRM access by email or name; it is checked when the rows arrive."
      >
        <div className="space-y-3">
          <ul className="divide-y divide-border">
            {file.headers.map((header, column) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are their position.
                key={column}
                className="flex flex-wrap items-center justify-between gap-2 py-2"
              >
                <div className="min-w-0">
                  <p className="font-medium wrap-anywhere text-foreground">
                    {header || `Column ${column + 1}`}
                  </p>
                  <p className="truncate text-xs text-muted-foreground">
                    {file.rows[0]?.cells[column] || "(empty)"}
                  </p>
                </div>
                <select
                  aria-label={`Lead field for the column ${header || column + 1}`}
                  className={`${selectClass} w-44`}
                  value={mapping[column] ?? ""}
                  onChange={(event) => {
                    const next = [...mapping];
                    const value = event.target.value;
                    next[column] = leadImportFields.find((f) => f === value) ?? null;
                    onMappingChange(next);
                  }}
                >
                  <option value="">Don't import</option>
                  {leadImportFields.map((field) => (
                    <option key={field} value={field}>
                      {leadImportFieldLabels[field]}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
          {problems.length > 0 && (
            <FormAlert>
              {problems.map((problem) => (
                <p key={problem}>{problem}</p>
              ))}
            </FormAlert>
          )}
        </div>
      </Card>

      {problems.length === 0 && (
        <Card title="Preview" description="The first rows as they will be imported.">
          <Preview file={file} mapping={mapping} fields={mappedFields} />
        </Card>
      )}
      {problems.length === 0 && !checked && (
        <Card title="Check">
          <p role="status" className="text-sm text-muted-foreground">
            Checking the rows… {done.toLocaleString("en")} of{" "}
            {file.rows.length.toLocaleString("en")}
          </p>
        </Card>
      )}
      {checked && (
        <Card
          title="Check"
          description={`${checked.good.toLocaleString("en")} rows are ready to import, ${checked.bad.length.toLocaleString("en")} ${checked.bad.length === 1 ? "row is" : "rows are"} bad.`}
        >
          <div className="space-y-4">
            {checked.bad.length > 0 && <BadRowList rows={checked.bad} total={checked.bad.length} />}
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-foreground">If some rows are bad</legend>
              {badRowChoices.map((choice) => (
                <label key={choice.mode} className="flex items-start gap-2 text-sm text-foreground">
                  <input
                    type="radio"
                    name="bad-rows"
                    className="mt-0.5"
                    checked={badRows === choice.mode}
                    onChange={() => setBadRows(choice.mode)}
                  />
                  {choice.label}
                </label>
              ))}
            </fieldset>
            <p className="text-sm text-muted-foreground">
              Rows whose email is already a lead's, or repeats an earlier row's, are skipped as
              duplicates: existing leads are never changed, so importing a file twice is safe.
            </p>
            {refused && (
              <p role="status" className="text-sm text-warning">
                Nothing will be imported while {checked.bad.length === 1 ? "a row is" : "rows are"}{" "}
                bad: fix the file and choose it again, or skip the bad rows.
              </p>
            )}
            {upload.error && <FormAlert>{errorMessage(upload.error)}</FormAlert>}
            {progress && (
              <div className="space-y-1">
                <ProgressBar
                  label="Sending the rows"
                  percent={percent}
                  className="h-1.5 w-full max-w-md"
                />
                <p className="text-xs text-muted-foreground">
                  Sending rows… {progress.sentRows.toLocaleString("en")} of{" "}
                  {progress.totalRows.toLocaleString("en")}
                </p>
              </div>
            )}
            <div className="flex flex-wrap gap-2">
              <Button
                pending={upload.isPending}
                disabled={refused || checked.good === 0}
                onClick={() =>
                  upload.mutate(
                    { file, fingerprint, mapping, badRows },
                    { onSuccess: (started) => onStarted(started.id) },
                  )
                }
              >
                Import {checked.good.toLocaleString("en")} {checked.good === 1 ? "lead" : "leads"}
              </Button>
              <ButtonLink to="/o/$slug/leads" params={{ slug }} variant="secondary">
                Cancel
              </ButtonLink>
            </div>
          </div>
        </Card>
      )}
    </>
  );
}

function Preview({
  file,
  mapping,
  fields,
}: {
  file: CsvFile;
  mapping: ColumnMapping;
  fields: LeadImportField[];
}) {
  return (
    // Wider than a phone: the keyboard scrolls it once it has focus (axe's
    // scrollable-region-focusable), and the region's name says what it is.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must take focus to be scrolled without a pointer
    <section aria-label="Preview" tabIndex={0} className="overflow-x-auto rounded-md">
      <table className="min-w-full divide-y divide-border text-sm">
        <caption className="sr-only">The first {PREVIEW_ROWS} rows, by lead field</caption>
        <thead className="text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          <tr>
            <th scope="col" className="px-2 py-2">
              Row
            </th>
            {fields.map((field) => (
              <th key={field} scope="col" className="px-2 py-2">
                {leadImportFieldLabels[field]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {file.rows.slice(0, PREVIEW_ROWS).map((row) => {
            const values = valuesOf(row.cells, mapping);
            return (
              <tr key={row.rowNumber}>
                <td className="px-2 py-2 text-muted-foreground tabular-nums">{row.rowNumber}</td>
                {fields.map((field) => (
                  <td key={field} className="max-w-[12rem] truncate px-2 py-2 text-foreground">
                    {values[field]}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Bad rows with their row number (the header is row 1, as in a spreadsheet) and reason. */
export function BadRowList({
  rows,
  total,
}: {
  rows: ReadonlyArray<{ rowNumber: number; error: string }>;
  total: number;
}) {
  const listed = rows.slice(0, LISTED_BAD_ROWS);
  return (
    <div className="space-y-1">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Bad rows</caption>
        <thead className="text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          <tr>
            <th scope="col" className="w-16 py-1 pr-2">
              Row
            </th>
            <th scope="col" className="py-1">
              Why it is bad
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {listed.map((row) => (
            <tr key={row.rowNumber}>
              <td className="py-1 pr-2 align-top text-muted-foreground tabular-nums">
                {row.rowNumber}
              </td>
              <td className="py-1 wrap-anywhere text-danger">{row.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > listed.length && (
        <p className="text-xs text-muted-foreground">
          And {(total - listed.length).toLocaleString("en")} more.
        </p>
      )}
    </div>
  );
}
