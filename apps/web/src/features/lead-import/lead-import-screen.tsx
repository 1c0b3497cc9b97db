import { PageHeader } from "../../components/card.tsx";
import { ImportHistory } from "./import-history.tsx";
import { ImportStatus } from "./import-status.tsx";
import { ImportWizard } from "./import-wizard.tsx";

/**
 * Importing leads from CSV: the file is read, mapped and checked in the browser; once sent, the
 * import is an address of its own (?id=) whose progress and summary survive a reload.
 */
export function LeadImportScreen({
  importId,
  onStarted,
  onRestart,
}: {
  importId: string | undefined;
  onStarted: (id: string) => void;
  onRestart: () => void;
}) {
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title="Import leads" description="Add many leads at once from a CSV file." />
      {importId ? (
        <ImportStatus key={importId} id={importId} onRestart={onRestart} />
      ) : (
        <div className="space-y-6">
          <ImportWizard onStarted={onStarted} />
          <ImportHistory />
        </div>
      )}
    </div>
  );
}
