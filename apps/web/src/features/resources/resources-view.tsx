import type { RouterOutputs } from "@guild/api";
import { formatBytes } from "@guild/api/schemas/file-rules";
import {
  ArrowDown,
  ArrowUp,
  Download,
  ExternalLink,
  FolderPlus,
  Link2,
  Pencil,
  Trash2,
  Upload,
} from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { EmptyState, ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useOrgTRPCClient } from "../../lib/trpc.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { FileTypeBadge } from "../files/file-upload.tsx";
import {
  type Folder,
  type Resource,
  ResourceDialog,
  type ResourceDialogState,
} from "./resource-dialogs.tsx";
import { useResourceMutations, useResources } from "./use-resources.ts";

type Space = RouterOutputs["space"]["get"];

type Removal = { kind: "folder"; folder: Folder } | { kind: "item"; item: Resource } | null;

/** `ids` with the one at `index` swapped with its neighbour in `direction`. */
function swapped(ids: string[], index: number, direction: -1 | 1) {
  const next = [...ids];
  const other = index + direction;
  const [a, b] = [next[index], next[other]];
  if (a === undefined || b === undefined) return ids;
  next[index] = b;
  next[other] = a;
  return next;
}

/**
 * Move up and Move down for the entry at `index` of `count` (a resource or a folder), by
 * keyboard too; disabled at the ends and while a reorder is on its way.
 */
function MoveButtons({
  name,
  index,
  count,
  pending,
  onMove,
}: {
  name: string;
  index: number;
  count: number;
  pending: boolean;
  onMove: (direction: -1 | 1) => void;
}) {
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Move ${name} up`}
        disabled={index === 0 || pending}
        onClick={() => onMove(-1)}
      >
        <ArrowUp aria-hidden="true" className="size-4" />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Move ${name} down`}
        disabled={index === count - 1 || pending}
        onClick={() => onMove(1)}
      >
        <ArrowDown aria-hidden="true" className="size-4" />
      </Button>
    </>
  );
}

/** The host a link goes to, said next to it so nobody clicks blind. */
function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * A resources space's library: its folders (one level) and resources, each a file to download or
 * a link to open, with its description. Moderators and up add folders, links and files (with
 * upload progress), edit, move, reorder (Move up / Move down, by keyboard too) and delete them.
 */
export function ResourcesView({ space }: { space: Space }) {
  const library = useResources(space.id);
  const mutations = useResourceMutations();
  const client = useOrgTRPCClient();
  const [dialog, setDialog] = useState<ResourceDialogState>(null);
  const [removal, setRemoval] = useState<Removal>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  if (library.isPending) return <LoadingState label="Loading resources…" />;
  if (library.isError)
    return <ErrorState error={library.error} onRetry={() => void library.refetch()} />;
  const { folders, items, canManage, archived } = library.data;

  const download = async (item: Resource) => {
    if (!item.file) return;
    setDownloading(item.id);
    setDownloadError(null);
    try {
      const { url } = await client.file.downloadUrl.query({ id: item.file.id });
      window.location.assign(url);
    } catch (error) {
      setDownloadError(`${item.title}: ${errorMessage(error)}`);
    } finally {
      setDownloading(null);
    }
  };

  const reorderError =
    mutations.reorder.error ?? mutations.reorderFolders.error ?? mutations.move.error;

  const list = (folderId: string | null, entries: Resource[]) => (
    <ul
      aria-label={folderId ? undefined : "Resources at the top level"}
      className="divide-y divide-border"
    >
      {entries.map((item, index) => (
        <li key={item.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start">
          <div className="flex min-w-0 flex-1 gap-3">
            {item.kind === "file" && item.file ? (
              <FileTypeBadge contentType={item.file.contentType} />
            ) : (
              <span
                aria-hidden="true"
                className="grid size-9 shrink-0 place-items-center rounded-md bg-accent text-accent-foreground"
              >
                <Link2 className="size-4" />
              </span>
            )}
            <div className="min-w-0 flex-1">
              {/* One way to open each resource (the Download or Open button), so keyboard and
                  screen reader users meet it once. */}
              <p className="font-medium wrap-anywhere text-foreground">{item.title}</p>
              <p className="text-xs wrap-anywhere text-muted-foreground">
                {item.kind === "link" && item.url
                  ? `Link · ${hostOf(item.url)}`
                  : item.file
                    ? `${item.file.name} · ${formatBytes(item.file.size)}`
                    : "File"}
              </p>
              {item.description && (
                <p className="mt-1 text-sm whitespace-pre-line wrap-anywhere text-foreground">
                  {item.description}
                </p>
              )}
            </div>
          </div>
          <div className="flex flex-wrap items-center gap-1 pl-12 sm:pl-0">
            {item.kind === "file" ? (
              <Button
                size="sm"
                variant="secondary"
                pending={downloading === item.id}
                onClick={() => void download(item)}
              >
                <Download aria-hidden="true" className="size-4" />
                Download<span className="sr-only"> {item.title}</span>
              </Button>
            ) : (
              item.url && (
                <a
                  href={item.url}
                  target="_blank"
                  rel="noopener noreferrer nofollow"
                  className="inline-flex items-center gap-2 rounded-md bg-surface px-2.5 py-1.5 text-sm font-medium text-foreground shadow-sm ring-1 ring-input ring-inset hover:bg-subtle"
                >
                  <ExternalLink aria-hidden="true" className="size-4" />
                  Open<span className="sr-only"> {item.title} (opens in a new tab)</span>
                </a>
              )
            )}
            {canManage && (
              <>
                <MoveButtons
                  name={item.title}
                  index={index}
                  count={entries.length}
                  pending={mutations.reorder.isPending}
                  onMove={(direction) =>
                    mutations.reorder.mutate({
                      spaceId: space.id,
                      folderId,
                      ids: swapped(
                        entries.map((e) => e.id),
                        index,
                        direction,
                      ),
                    })
                  }
                />
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Edit ${item.title}`}
                  onClick={() => setDialog({ kind: "item", item })}
                >
                  <Pencil aria-hidden="true" className="size-4" />
                </Button>
                <Button
                  size="sm"
                  variant="danger-ghost"
                  aria-label={`Delete ${item.title}`}
                  onClick={() => setRemoval({ kind: "item", item })}
                >
                  <Trash2 aria-hidden="true" className="size-4" />
                </Button>
              </>
            )}
          </div>
        </li>
      ))}
    </ul>
  );

  const empty = folders.length === 0 && items.length === 0;
  const removing = removal?.kind === "folder" ? mutations.removeFolder : mutations.remove;

  return (
    <section aria-label="Resources" className="space-y-4">
      {canManage && (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => setDialog({ kind: "file", folderId: null })}>
            <Upload aria-hidden="true" className="size-4" />
            Upload file
          </Button>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => setDialog({ kind: "link", folderId: null })}
          >
            <Link2 aria-hidden="true" className="size-4" />
            Add link
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setDialog({ kind: "folder" })}>
            <FolderPlus aria-hidden="true" className="size-4" />
            New folder
          </Button>
        </div>
      )}
      {archived && (
        <p className="text-sm text-muted-foreground">
          This space is archived: its resources are read-only.
        </p>
      )}
      {downloadError && <FormAlert>{downloadError}</FormAlert>}
      {reorderError && <ErrorAlert error={reorderError} />}
      {empty ? (
        <EmptyState title="No resources yet">
          {canManage
            ? "Upload a file or add a link; folders group them."
            : "Files and links shared here will be listed for you to download and open."}
        </EmptyState>
      ) : (
        <>
          {items.length > 0 && <Card>{list(null, items)}</Card>}
          {folders.map((folder, index) => (
            <Card
              key={folder.id}
              title={folder.name}
              description={folder.description || undefined}
              actions={
                canManage ? (
                  <div className="flex flex-wrap gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Add a file to ${folder.name}`}
                      onClick={() => setDialog({ kind: "file", folderId: folder.id })}
                    >
                      <Upload aria-hidden="true" className="size-4" />
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Add a link to ${folder.name}`}
                      onClick={() => setDialog({ kind: "link", folderId: folder.id })}
                    >
                      <Link2 aria-hidden="true" className="size-4" />
                    </Button>
                    <MoveButtons
                      name={`folder ${folder.name}`}
                      index={index}
                      count={folders.length}
                      pending={mutations.reorderFolders.isPending}
                      onMove={(direction) =>
                        mutations.reorderFolders.mutate({
                          spaceId: space.id,
                          ids: swapped(
                            folders.map((f) => f.id),
                            index,
                            direction,
                          ),
                        })
                      }
                    />
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Edit folder ${folder.name}`}
                      onClick={() => setDialog({ kind: "folder", folder })}
                    >
                      <Pencil aria-hidden="true" className="size-4" />
                    </Button>
                    <Button
                      size="sm"
                      variant="danger-ghost"
                      aria-label={`Delete folder ${folder.name}`}
                      onClick={() => setRemoval({ kind: "folder", folder })}
                    >
                      <Trash2 aria-hidden="true" className="size-4" />
                    </Button>
                  </div>
                ) : undefined
              }
            >
              {folder.items.length === 0 ? (
                <p className="text-sm text-muted-foreground">This folder is empty.</p>
              ) : (
                list(folder.id, folder.items)
              )}
            </Card>
          ))}
        </>
      )}
      <ResourceDialog
        state={dialog}
        spaceId={space.id}
        folders={folders}
        onClose={() => setDialog(null)}
      />
      <ConfirmDialog
        open={removal !== null}
        title={
          removal?.kind === "folder"
            ? `Delete the folder ${removal.folder.name}?`
            : removal
              ? `Delete ${removal.item.title}?`
              : ""
        }
        confirmLabel="Delete"
        pending={removing.isPending}
        error={removing.error ? errorMessage(removing.error) : null}
        onConfirm={() => {
          if (!removal) return;
          const done = () => {
            toast.success("Deleted.");
            setRemoval(null);
          };
          if (removal.kind === "folder")
            mutations.removeFolder.mutate({ id: removal.folder.id }, { onSuccess: done });
          else mutations.remove.mutate({ id: removal.item.id }, { onSuccess: done });
        }}
        onClose={() => setRemoval(null)}
      >
        <p>
          {removal?.kind === "folder"
            ? removal.folder.items.length === 0
              ? "The folder is empty."
              : `${removal.folder.items.length === 1 ? "Its resource is" : `Its ${removal.folder.items.length} resources are`} deleted with it, files included. This cannot be undone.`
            : removal?.item.kind === "file"
              ? "The file is deleted for everyone. This cannot be undone."
              : "The link is removed for everyone."}
        </p>
      </ConfirmDialog>
    </section>
  );
}
