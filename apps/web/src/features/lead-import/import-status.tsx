import { Button, ButtonLink, buttonClass } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { ErrorState, FormAlert, LoadingState, NotFound } from "../../components/states.tsx";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { badRowsCsvUrl } from "./import-history.tsx";
import { BadRowList } from "./import-wizard.tsx";
import {
  type LeadImport,
  useCancelLeadImport,
  useLeadImport,
  useLeadImportBadRows,
} from "./use-lead-import.ts";

const count = (n: number) => n.toLocaleString("en");

/** An import's progress while its job runs (live), then its summary. Its address survives a reload. */
export function ImportStatus({ id, onRestart }: { id: string; onRestart: () => void }) {
  const leadImport = useLeadImport(id);
  if (leadImport.isPending) return <LoadingState label="Loading the import…" />;
  if (leadImport.error)
    return isNotFound(leadImport.error) ? (
      <NotFound title="Import not found" />
    ) : (
      <ErrorState error={leadImport.error} onRetry={() => void leadImport.refetch()} />
    );
  const current = leadImport.data;
  return (
    <div className="space-y-6">
      <Card title={current.fileName} description={describe(current)}>
        {isFinished(current) ? (
          <Summary current={current} onRestart={onRestart} />
        ) : current.uploadInProgress ? (
          <div className="space-y-2">
            <ProgressBar
              label="Uploading"
              percent={Math.round((current.receivedRows / current.totalRows) * 100)}
              className="h-2 w-full"
            />
            <p className="text-sm text-foreground">
              Uploading… {count(current.receivedRows)} of {count(current.totalRows)} rows arrived,
              sent from another tab or device. The import starts once all have arrived.
            </p>
          </div>
        ) : current.status === "uploading" ? (
          <div className="space-y-3 text-sm text-foreground">
            <p>
              Only {count(current.receivedRows)} of {count(current.totalRows)} rows arrived before
              the upload stopped, and nothing was imported. Choose the same file again to continue
              from where it stopped.
            </p>
            <Button onClick={onRestart}>Choose a file</Button>
          </div>
        ) : (
          <Progress current={current} />
        )}
      </Card>
      {current.invalidRows > 0 && <ServerBadRows id={id} total={current.invalidRows} />}
    </div>
  );
}

/** Over: nothing more happens to it (the summary replaces the progress). */
export function isFinished(current: LeadImport): boolean {
  return (
    current.status === "done" ||
    current.status === "rejected" ||
    current.status === "failed" ||
    current.status === "cancelled"
  );
}

function describe(current: LeadImport): string {
  const by = current.createdByName ? ` by ${current.createdByName}` : "";
  return `${count(current.totalRows)} rows, imported${by}`;
}

function Progress({ current }: { current: LeadImport }) {
  const percent = Math.round((current.processedRows / current.totalRows) * 100);
  const cancel = useCancelLeadImport();
  return (
    <div className="space-y-2">
      <ProgressBar label="Importing" percent={percent} className="h-2 w-full" />
      <p className="text-sm text-foreground">
        {current.status === "queued"
          ? "Waiting to start…"
          : `Importing… ${count(current.processedRows)} of ${count(current.totalRows)} rows done`}
      </p>
      <p className="text-xs text-muted-foreground">
        It runs on the server: you can leave this page and come back.
      </p>
      {cancel.error && <FormAlert>{errorMessage(cancel.error)}</FormAlert>}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          pending={cancel.isPending}
          onClick={() => cancel.mutate({ id: current.id })}
        >
          Cancel the import
        </Button>
        <p className="text-xs text-muted-foreground">
          It stops before its next batch of rows. Leads already imported stay.
        </p>
      </div>
    </div>
  );
}

function Summary({ current, onRestart }: { current: LeadImport; onRestart: () => void }) {
  const { slug } = useCurrentOrganization();
  return (
    <div className="space-y-4">
      {/* Read out when the import ends while the page is open. */}
      <div role="status">
        {current.status === "rejected" ? (
          <p className="text-sm text-foreground">
            Nothing was imported: {count(current.invalidRows)}{" "}
            {current.invalidRows === 1 ? "row is" : "rows are"} bad, and you chose to import nothing
            then.
          </p>
        ) : (
          <>
            {current.status === "cancelled" && (
              <p className="mb-3 text-sm text-foreground">
                Cancelled after {count(current.processedRows)} of {count(current.totalRows)} rows.
                The leads imported before stay; the rest were not imported.
              </p>
            )}
            {current.status === "failed" && (
              <p className="mb-3 text-sm text-danger">
                The import stopped after {count(current.processedRows)} of{" "}
                {count(current.totalRows)} rows, on an error of ours. The rest were not imported:
                import the file again and the rows already imported are skipped by their emails.
              </p>
            )}
            <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
              <Figure label="Imported" value={current.importedRows} />
              <Figure label="Skipped as duplicates" value={current.duplicateRows} />
              <Figure label="Bad rows skipped" value={current.invalidRows} />
            </dl>
          </>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <ButtonLink to="/o/$slug/leads" params={{ slug }}>
          See the leads
        </ButtonLink>
        <Button variant="secondary" onClick={onRestart}>
          Import another file
        </Button>
      </div>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-md bg-subtle px-3 py-2 ring-1 ring-inset ring-border">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-xl font-semibold text-foreground tabular-nums">{count(value)}</dd>
    </div>
  );
}

function ServerBadRows({ id, total }: { id: string; total: number }) {
  const { slug } = useCurrentOrganization();
  const pages = useLeadImportBadRows(id, true);
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card
      title="Bad rows"
      description={`${count(total)} ${total === 1 ? "row" : "rows"}, not imported.`}
    >
      {pages.isPending ? (
        <LoadingState label="Loading the bad rows…" />
      ) : pages.error ? (
        <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
      ) : (
        <div className="space-y-3">
          <a href={badRowsCsvUrl(slug, id)} download className={buttonClass("secondary", "sm")}>
            Download the bad rows (CSV)
          </a>
          <BadRowList rows={rows} total={rows.length} />
          {pages.hasNextPage && (
            <Button
              variant="secondary"
              size="sm"
              pending={pages.isFetchingNextPage}
              onClick={() => void pages.fetchNextPage()}
            >
              Show more
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
