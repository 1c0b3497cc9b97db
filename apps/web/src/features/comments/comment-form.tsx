import { commentBody } from "@guild/api/schemas/comment";
import { createContext, useContext, useId, useState } from "react";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { TextareaField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { usePostImages, withImageAtCursor } from "../posts/post-image-insert.tsx";

/**
 * The space of the post whose thread this is (comment-thread.tsx provides it): every box in the
 * thread (comment, reply, edit) puts images in that space, so they are seen by exactly those who
 * see the post.
 */
export const ThreadSpaceContext = createContext<string | null>(null);

/**
 * The reply box (a comment on the post, a reply, or an edit): markdown, checked with the API's
 * own schema before sending, the server's refusals next to the field (or above the buttons when
 * they are about something else, such as a post locked meanwhile).
 */
export function CommentForm({
  label,
  submitLabel,
  initialBody = "",
  pending,
  error,
  autoFocus = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initialBody?: string;
  pending: boolean;
  error: unknown;
  autoFocus?: boolean;
  /** Sends the body; resolves true when it was saved (the box then empties). */
  onSubmit: (body: string) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [body, setBody] = useState(initialBody);
  const fieldErrors = useFieldErrors(error);
  const spaceId = useContext(ThreadSpaceContext);
  if (!spaceId) throw new Error("CommentForm needs <ThreadSpaceContext>");
  const images = usePostImages({
    spaceId,
    onInsert: (markdown) => {
      const box = document.getElementById(`${id}-body`);
      setBody((previous) => withImageAtCursor(previous, box, markdown));
      fieldErrors.changedField("body");
    },
  });
  const { errors } = fieldErrors;
  const shownByField = "body" in fieldErrors.serverErrors;
  const formError = error && !shownByField && !fieldErrors.checkFailed ? errorMessage(error) : null;
  return (
    <form
      noValidate
      aria-label={label}
      className="space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const found: FieldErrors = {};
        const checked = commentBody.safeParse(body);
        if (!checked.success) found.body = z.flattenError(checked.error).formErrors;
        fieldErrors.submitted(found);
        if (found.body) {
          document.getElementById(`${id}-body`)?.focus();
          return;
        }
        if (await onSubmit(body)) setBody("");
      }}
    >
      <UnsavedChangesGuard dirty={body.trim() !== initialBody.trim()} />
      <TextareaField
        id={`${id}-body`}
        label={<span className="sr-only">{label}</span>}
        rows={3}
        autoFocus={autoFocus}
        placeholder="Write a comment… Markdown, @mentions and images work."
        value={body}
        error={errors.body}
        onChange={(event) => {
          setBody(event.target.value);
          fieldErrors.changedField("body");
        }}
        {...images.textareaProps}
        onKeyDown={(event) => {
          // Ctrl/⌘+Enter sends, as in most comment boxes; Escape cancels a reply or an edit.
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          } else if (event.key === "Escape" && onCancel) onCancel();
        }}
      />
      {images.panel}
      {formError && <FormAlert>{formError}</FormAlert>}
      <div className="flex flex-wrap justify-end gap-2">
        {onCancel && (
          <Button variant="ghost" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" size="sm" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
