import type { RouterOutputs } from "@guild/api";
import { formatBytes } from "@guild/api/schemas/file-rules";
import { hasRole } from "@guild/db/enums";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useOrgTRPC, useOrgTRPCClient } from "../../lib/trpc.ts";
import { useFocusAfterRemoval } from "../../lib/use-focus-after-removal.ts";
import { FileTypeBadge, FileUpload } from "../files/file-upload.tsx";
import type { UploadFields } from "../files/use-upload.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";

type Attachment = RouterOutputs["lead"]["listAttachments"][number];

/**
 * The files attached to a lead: anyone who sees the lead may add and download them; the person
 * who attached one, or an admin, may delete it.
 */
export function LeadAttachments({ leadId }: { leadId: string }) {
  const organization = useCurrentOrganization();
  const me = organization.membership;
  const trpc = useOrgTRPC();
  const client = useOrgTRPCClient();
  const queryClient = useQueryClient();
  const attachments = useQuery(trpc.lead.listAttachments.queryOptions({ leadId }));
  const startUpload = useMutation(trpc.lead.startAttachmentUpload.mutationOptions());
  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.lead.listAttachments.queryFilter({ leadId })),
        queryClient.invalidateQueries(trpc.lead.timeline.pathFilter()),
      ]),
    [queryClient, trpc, leadId],
  );
  const start = useCallback(
    (file: UploadFields) => startUpload.mutateAsync({ ...file, leadId }),
    [startUpload.mutateAsync, leadId],
  );
  const remove = useMutation(trpc.file.remove.mutationOptions({ onSuccess: refresh }));
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  // The deleted file's button went with its row: focus lands on the attachments, not the page start.
  const afterDelete = useFocusAfterRemoval<HTMLElement>();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const canDelete = (file: Attachment) =>
    file.uploaderMemberId === me.memberId || hasRole(me.role, "admin");

  async function download(file: Attachment) {
    setDownloading(file.id);
    setDownloadError(null);
    try {
      // A link that works for a minute, saying "attachment": the browser saves the file and
      // stays on this page.
      const { url } = await client.file.downloadUrl.query({ id: file.id });
      window.location.assign(url);
    } catch (error) {
      setDownloadError(`${file.name}: ${errorMessage(error)}`);
    } finally {
      setDownloading(null);
    }
  }

  return (
    <Card title="Attachments">
      <section
        ref={afterDelete.ref}
        tabIndex={-1}
        aria-label="Attachments"
        className="space-y-4 outline-none"
      >
        <FileUpload
          purpose="lead_attachment"
          label="Attach a file"
          start={start}
          onUploaded={refresh}
        />
        {downloadError && <FormAlert>{downloadError}</FormAlert>}
        {attachments.isPending ? (
          <LoadingState label="Loading attachments…" />
        ) : attachments.error ? (
          <ErrorState error={attachments.error} onRetry={() => void attachments.refetch()} />
        ) : attachments.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">No files attached yet.</p>
        ) : (
          <ul className="divide-y divide-border" aria-label="Attached files">
            {attachments.data.map((file) => (
              <li key={file.id} className="flex flex-wrap items-center gap-3 py-3">
                <FileTypeBadge contentType={file.contentType} />
                <div className="min-w-0 flex-1">
                  <button
                    type="button"
                    className="text-left text-sm font-medium wrap-anywhere text-accent-foreground hover:underline disabled:opacity-60"
                    disabled={downloading === file.id}
                    onClick={() => void download(file)}
                  >
                    <span className="sr-only">Download </span>
                    {file.name}
                  </button>
                  <p className="text-xs text-muted-foreground">
                    {formatBytes(file.size)} · {file.uploaderName ?? "Former member"} ·{" "}
                    <span className="whitespace-nowrap">{formatDate(file.createdAt)}</span>
                  </p>
                </div>
                {canDelete(file) && (
                  <Button variant="danger-ghost" size="sm" onClick={() => setDeleting(file)}>
                    Delete<span className="sr-only"> {file.name}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "this file"}?`}
        confirmLabel="Delete file"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!deleting) return;
          const { id, name } = deleting;
          remove.mutate(
            { id },
            {
              onSuccess: () => {
                setDeleting(null);
                // The file is gone for good (its object follows through a job): no Undo.
                toast.success(`Deleted ${name}.`);
                afterDelete.moveFocus();
              },
            },
          );
        }}
      >
        <p>It is removed for everyone who sees this lead. This cannot be undone.</p>
      </ConfirmDialog>
    </Card>
  );
}
