import { type FilePurpose, fileRules, formatBytes } from "@guild/api/schemas/file-rules";
import { useId, useRef } from "react";
import { Button } from "../../components/button.tsx";
import { FormAlert } from "../../components/states.tsx";
import { type StartedUpload, type UploadFields, useUpload } from "./use-upload.ts";

/**
 * A button that picks a file and uploads it for `purpose`, with progress, a Cancel button while
 * it runs, and what went wrong said in words (too large, wrong type, refused when checked).
 * Keyboard: it is a real button; the file input itself stays hidden.
 */
export function FileUpload({
  purpose,
  label,
  start,
  onUploaded,
  hint = true,
}: {
  purpose: FilePurpose;
  label: string;
  start: (file: UploadFields) => Promise<StartedUpload>;
  onUploaded?: () => Promise<unknown>;
  /** Show which files are accepted under the button. */
  hint?: boolean;
}) {
  const rule = fileRules[purpose];
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const { state, upload, cancel } = useUpload({
    purpose,
    start,
    ...(onUploaded ? { onUploaded } : {}),
  });
  const busy = state.phase === "uploading" || state.phase === "checking";
  const percent =
    state.phase === "uploading" && state.total > 0
      ? Math.min(100, Math.round((state.loaded / state.total) * 100))
      : null;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          type="file"
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          accept={rule.types.join(",")}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // The same file may be picked again after a failure.
            event.target.value = "";
            if (file) void upload(file);
          }}
        />
        <Button
          variant="secondary"
          size="sm"
          pending={busy}
          aria-describedby={hint ? hintId : undefined}
          onClick={() => input.current?.click()}
        >
          {label}
        </Button>
        {state.phase === "uploading" && (
          <Button variant="ghost" size="sm" onClick={cancel}>
            Cancel<span className="sr-only"> the upload of {state.name}</span>
          </Button>
        )}
      </div>
      {hint && (
        <p id={hintId} className="text-xs text-muted-foreground">
          {rule.typesInWords.charAt(0).toUpperCase() + rule.typesInWords.slice(1)}, up to{" "}
          {formatBytes(rule.maxBytes)}.
        </p>
      )}
      {busy && (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label={`Uploading ${state.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            {...(percent === null ? {} : { "aria-valuenow": percent })}
            className="h-1.5 w-full max-w-xs overflow-hidden rounded-full bg-muted-strong"
          >
            <div
              className={`h-full rounded-full bg-primary transition-[width] ${percent === null ? "w-full animate-pulse" : ""}`}
              style={percent === null ? undefined : { width: `${percent}%` }}
            />
          </div>
          <p role="status" className="text-xs wrap-anywhere text-muted-foreground">
            {state.phase === "uploading"
              ? `Uploading ${state.name}… ${percent ?? 0}%`
              : `Checking ${state.name}…`}
          </p>
        </div>
      )}
      {state.phase === "done" && (
        <p role="status" className="text-xs wrap-anywhere text-success">
          Uploaded {state.name}.
        </p>
      )}
      {state.phase === "failed" && (
        <FormAlert>
          <span className="wrap-anywhere">
            {state.name}: {state.message}
          </span>
        </FormAlert>
      )}
    </div>
  );
}

/** An icon-sized label for a file type. */
export function FileTypeBadge({ contentType }: { contentType: string }) {
  const label =
    contentType === "application/pdf" ? "PDF" : contentType.replace("image/", "").toUpperCase();
  return (
    <span
      aria-hidden="true"
      className={`grid size-9 shrink-0 place-items-center rounded-md text-[0.625rem] font-bold ${
        contentType === "application/pdf"
          ? "bg-danger-muted text-danger"
          : "bg-info-muted text-info"
      }`}
    >
      {label}
    </span>
  );
}
