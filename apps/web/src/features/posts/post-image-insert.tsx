import { fileRules, formatBytes } from "@guild/api/schemas/file-rules";
import { ImagePlus } from "lucide-react";
import { type ClipboardEvent, type DragEvent, useCallback, useId, useRef, useState } from "react";
import { Button } from "../../components/button.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { useOrgTRPCClient } from "../../lib/trpc.ts";
import { type UploadFields, useUpload } from "../files/use-upload.ts";

const rule = fileRules.post_image;

/** Alt text offered for a file: its name without the extension ("image" for a pasted one). */
const altOf = (file: File) =>
  file.name
    .replace(/\.[a-z0-9]+$/i, "")
    .replace(/[-_]+/g, " ")
    .trim() || "image";

/** Square brackets would end the alt text early in markdown. */
const markdownAlt = (alt: string) => alt.replace(/[[\]\n]/g, " ").trim();

/** The first image among pasted or dropped files, if any. */
function imageFrom(files: FileList | null | undefined): File | null {
  for (const file of files ?? []) if (file.type.startsWith("image/")) return file;
  return null;
}

/**
 * `body` with `markdown` put on its own line at the textarea's cursor (at the end when the box was
 * never focused, or its cursor is past a body changed meanwhile).
 */
export function withImageAtCursor(body: string, box: Element | null, markdown: string): string {
  const at =
    box instanceof HTMLTextAreaElement && box.selectionStart <= body.length
      ? box.selectionEnd
      : body.length;
  const before = body.slice(0, at);
  const after = body.slice(at);
  const lead = before === "" || before.endsWith("\n") ? "" : "\n";
  return `${before}${lead}${markdown}\n${after}`;
}

/**
 * Images in the post composer and the comment box: "Add image" (or an image pasted or dropped on the body, through
 * `textareaProps`) asks for the alt text, uploads through the platform's files with progress, and
 * inserts `![alt](/api/files/…)` at the body's cursor. The image belongs to the space, so it is
 * seen by exactly those who see the post.
 */
export function usePostImages({
  spaceId,
  onInsert,
}: {
  spaceId: string;
  onInsert: (markdown: string) => void;
}) {
  const client = useOrgTRPCClient();
  const [chosen, setChosen] = useState<{ file: File; alt: string } | null>(null);
  const path = useRef<string | null>(null);
  const alt = useRef("");
  const start = useCallback(
    async (fields: UploadFields) => {
      const started = await client.post.startImageUpload.mutate({ ...fields, spaceId });
      path.current = started.path;
      return started;
    },
    [client, spaceId],
  );
  const onUploaded = useCallback(async () => {
    if (path.current) onInsert(`![${markdownAlt(alt.current) || "image"}](${path.current})`);
    path.current = null;
    setChosen(null);
  }, [onInsert]);
  const { state, upload, cancel } = useUpload({ purpose: "post_image", start, onUploaded });
  const offer = (file: File) => setChosen({ file, alt: altOf(file) });
  return {
    /** For the body's textarea: an image pasted or dropped on it is offered like a picked one. */
    textareaProps: {
      onPaste: (event: ClipboardEvent<HTMLTextAreaElement>) => {
        const image = imageFrom(event.clipboardData.files);
        if (!image) return;
        event.preventDefault();
        offer(image);
      },
      onDragOver: (event: DragEvent<HTMLTextAreaElement>) => {
        if (event.dataTransfer.types.includes("Files")) event.preventDefault();
      },
      onDrop: (event: DragEvent<HTMLTextAreaElement>) => {
        const image = imageFrom(event.dataTransfer.files);
        if (!image) return;
        event.preventDefault();
        offer(image);
      },
    },
    panel: (
      <ImagePanel
        chosen={chosen}
        state={state}
        onPick={(file) => setChosen({ file, alt: altOf(file) })}
        onAlt={(value) => setChosen((current) => (current ? { ...current, alt: value } : null))}
        onUpload={() => {
          if (!chosen) return;
          alt.current = chosen.alt;
          void upload(chosen.file);
        }}
        onCancel={() => {
          cancel();
          setChosen(null);
        }}
      />
    ),
  };
}

function ImagePanel({
  chosen,
  state,
  onPick,
  onAlt,
  onUpload,
  onCancel,
}: {
  chosen: { file: File; alt: string } | null;
  state: ReturnType<typeof useUpload>["state"];
  onPick: (file: File) => void;
  onAlt: (alt: string) => void;
  onUpload: () => void;
  onCancel: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const altId = useId();
  const hintId = useId();
  const busy = state.phase === "uploading" || state.phase === "checking";
  const percent =
    state.phase === "uploading" && state.total > 0
      ? Math.min(100, Math.round((state.loaded / state.total) * 100))
      : null;
  return (
    <div className="space-y-2">
      <input
        ref={input}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        accept={rule.types.join(",")}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) onPick(file);
        }}
      />
      {!chosen && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Button
            variant="secondary"
            size="sm"
            aria-describedby={hintId}
            onClick={() => input.current?.click()}
          >
            <ImagePlus aria-hidden="true" className="size-4" />
            Add image
          </Button>
          <span id={hintId} className="text-xs text-muted-foreground">
            Or paste or drop one on the text. Up to {formatBytes(rule.maxBytes)}.
          </span>
        </div>
      )}
      {chosen && (
        <fieldset className="space-y-2 rounded-md border border-border p-3">
          <legend className="px-1 text-sm font-medium text-foreground wrap-anywhere">
            Image: {chosen.file.name}
          </legend>
          <TextField
            id={altId}
            label="Describe the image (alt text)"
            hint="Read aloud to people who cannot see it."
            value={chosen.alt}
            disabled={busy}
            onChange={(event) => onAlt(event.target.value)}
          />
          {busy && (
            <div className="space-y-1">
              <div
                role="progressbar"
                aria-label={`Uploading ${chosen.file.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                {...(percent === null ? {} : { "aria-valuenow": percent })}
                className="h-1.5 w-full overflow-hidden rounded-full bg-muted-strong"
              >
                <div
                  className={`h-full rounded-full bg-primary transition-[width] ${percent === null ? "w-full animate-pulse" : ""}`}
                  style={percent === null ? undefined : { width: `${percent}%` }}
                />
              </div>
              <p role="status" className="text-xs text-muted-foreground">
                {state.phase === "uploading" ? `Uploading… ${percent ?? 0}%` : "Checking…"}
              </p>
            </div>
          )}
          {state.phase === "failed" && (
            <FormAlert>
              <span className="wrap-anywhere">{state.message}</span>
            </FormAlert>
          )}
          <div className="flex flex-wrap gap-2">
            <Button size="sm" pending={busy} disabled={!chosen.alt.trim()} onClick={onUpload}>
              Insert image
            </Button>
            <Button variant="ghost" size="sm" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
