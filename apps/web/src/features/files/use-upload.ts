// One upload, as the API expects it: check the file against its purpose's rules, ask the domain's
// procedure for a presigned URL, PUT the bytes straight to storage (with progress), then ask the
// API to confirm, which is when Guild looks at what arrived. A failed or cancelled upload is
// withdrawn, so no half-done file is left behind.
import type { FileContentType, FilePurpose } from "@guild/api/schemas/file";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage, UserFacingError } from "../../lib/errors.ts";
import { useOrgTRPCClient } from "../../lib/trpc.ts";

/** The file as the start procedures take it. */
export interface UploadFields {
  name: string;
  size: number;
  contentType: FileContentType;
}

/** What a domain's start procedure answers (lead.startAttachmentUpload, member.startAvatarUpload). */
export interface StartedUpload {
  file: { id: string };
  upload: { url: string; headers: Record<string, string> };
}

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; name: string; loaded: number; total: number }
  | { phase: "checking"; name: string }
  | { phase: "done"; name: string }
  | { phase: "failed"; name: string; message: string };

class Cancelled extends Error {}

/** PUTs the file to the presigned URL with the signed headers; reports bytes sent. */
function putFile(
  url: string,
  file: File,
  headers: Record<string, string>,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const request = new XMLHttpRequest();
    request.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () =>
      request.status >= 200 && request.status < 300
        ? resolve()
        : reject(
            new UserFacingError(
              `The storage refused the upload (${request.status}). Please try again.`,
            ),
          );
    request.onerror = () =>
      reject(new UserFacingError("The upload failed. Check your connection and try again."));
    request.onabort = () => reject(new Cancelled());
    signal.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}

export function useUpload({
  purpose,
  start,
  onUploaded,
}: {
  purpose: FilePurpose;
  start: (file: UploadFields) => Promise<StartedUpload>;
  onUploaded?: () => Promise<unknown>;
}) {
  const client = useOrgTRPCClient();
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const upload = useCallback(
    async (file: File) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      const { name } = file;
      // The same rules the server applies: a file that is too large or of the wrong type is
      // refused here, before anything is sent. The rules load with the first file picked, not
      // with every screen that offers an upload: imported here, they made this hook a chunk of
      // its own (it brings zod along), one more file before the dashboard's first paint
      // (e2e bundle-budget's 12-file check).
      const { uploadFields } = await import("@guild/api/schemas/file");
      const checked = uploadFields(purpose).safeParse({
        name,
        size: file.size,
        contentType: file.type,
      });
      if (!checked.success) {
        setState({
          phase: "failed",
          name,
          message: checked.error.issues[0]?.message ?? "This file cannot be uploaded.",
        });
        return;
      }
      setState({ phase: "uploading", name, loaded: 0, total: file.size });
      let fileId: string | null = null;
      try {
        const started = await start(checked.data);
        fileId = started.file.id;
        await putFile(
          started.upload.url,
          file,
          started.upload.headers,
          (loaded) => setState({ phase: "uploading", name, loaded, total: file.size }),
          controller.signal,
        );
        setState({ phase: "checking", name });
        await client.file.confirmUpload.mutate({ id: started.file.id });
        fileId = null;
        await onUploaded?.();
        setState({ phase: "done", name });
      } catch (error) {
        // Withdraw the pending upload (the API removed it already if it refused the file).
        if (fileId) void client.file.remove.mutate({ id: fileId }).catch(() => {});
        if (error instanceof Cancelled) setState({ phase: "idle" });
        else setState({ phase: "failed", name, message: errorMessage(error) });
      } finally {
        if (running.current === controller) running.current = null;
      }
    },
    [client, purpose, start, onUploaded],
  );

  const cancel = useCallback(() => running.current?.abort(), []);
  return { state, upload, cancel };
}
