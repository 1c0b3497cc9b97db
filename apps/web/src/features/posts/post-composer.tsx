import {
  createPostInput,
  POST_BODY_MAX,
  POST_TAGS_MAX,
  POST_TITLE_MAX,
  postTypes,
  SHORT_UPDATE_MAX,
  updatePostInput,
} from "@guild/api/schemas/post";
import type { PostType } from "@guild/db/enums";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { useUnsavedChanges } from "../../components/unsaved-changes.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { usePostImages, withImageAtCursor } from "./post-image-insert.tsx";
import { postTypeLabels } from "./post-labels.ts";
import { type Post, usePostMutations } from "./use-posts.ts";

interface FormValues {
  title: string;
  body: string;
  type: PostType;
  /** Comma- or space-separated, as typed. */
  tags: string;
}

const empty: FormValues = { title: "", body: "", type: "discussion", tags: "" };

function valuesOf(post: Post): FormValues {
  return { title: post.title ?? "", body: post.body, type: post.type, tags: post.tags.join(", ") };
}

const tagsOf = (text: string) =>
  text
    .split(/[,\n]/)
    .map((tag) => tag.trim())
    .filter(Boolean);

/**
 * Writes a post in a space, or edits one (`post`). No title makes it a short update of at most
 * SHORT_UPDATE_MAX characters, counted live. Checked with the procedure's own schema before
 * sending; the server's refusals show next to the same fields.
 */
export function PostComposer({
  spaceId,
  post,
  onDone,
  onCancel,
}: {
  spaceId: string;
  post?: Post;
  onDone?: (saved: Post) => void;
  onCancel?: () => void;
}) {
  const { create, update } = usePostMutations();
  const mutation = post ? update : create;
  const [initial] = useState(() => (post ? valuesOf(post) : empty));
  const [values, setValues] = useState(initial);
  const [intent, setIntent] = useState<"publish" | "draft" | null>(null);
  const fieldErrors = useFieldErrors(mutation.error);
  const { errors } = fieldErrors;
  const shownByFields = Object.keys(fieldErrors.serverErrors).some((field) => field in values);
  const formLevelError =
    mutation.error && !shownByFields && !fieldErrors.checkFailed
      ? errorMessage(mutation.error)
      : null;
  const idPrefix = post ? `post-edit-${post.id}` : `post-new-${spaceId}`;
  const id = (field: keyof FormValues) => `${idPrefix}-${field}`;
  const set = (field: keyof FormValues) => (event: { target: { value: string } }) => {
    const { value } = event.target;
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };
  // An image goes in at the body's cursor (or at its end when the body was never focused).
  const images = usePostImages({
    spaceId: post?.space.id ?? spaceId,
    onInsert: (markdown) => {
      const box = document.getElementById(id("body"));
      setValues((previous) => ({
        ...previous,
        body: withImageAtCursor(previous.body, box, markdown),
      }));
      fieldErrors.changedField("body");
    },
  });
  const guard = useUnsavedChanges(JSON.stringify(values) !== JSON.stringify(initial));
  const shortUpdate = values.title.trim() === "";
  const length = values.body.length;
  const over = shortUpdate && length > SHORT_UPDATE_MAX;
  const published = post?.status === "published";

  function submit(publish: boolean) {
    setIntent(publish ? "publish" : "draft");
    const fields = {
      title: values.title,
      body: values.body,
      type: values.type,
      tags: tagsOf(values.tags),
    };
    const found: FieldErrors = {};
    const problems = post
      ? updatePostInput.safeParse({ ...fields, id: post.id, publish }).error?.issues
      : createPostInput.safeParse({ ...fields, spaceId, publish }).error?.issues;
    for (const issue of problems ?? []) {
      // A tag's issue is at ["tags", i]: shown under the one tags field.
      const field = String(issue.path[0] ?? "body");
      const known = found[field] ?? [];
      if (!known.includes(issue.message)) found[field] = [...known, issue.message];
    }
    fieldErrors.submitted(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(id(first as keyof FormValues))?.focus();
      return;
    }
    const onSuccess = (saved: Post) => {
      guard.release();
      toast.success(
        saved.status === "draft" ? "Draft saved." : post && published ? "Post saved." : "Posted.",
      );
      if (!post) {
        setValues(empty);
        fieldErrors.submitted({});
      }
      onDone?.(saved);
    };
    if (post) update.mutate({ ...fields, id: post.id, publish }, { onSuccess });
    else create.mutate({ ...fields, spaceId, publish }, { onSuccess });
  }

  return (
    <>
      {guard.dialog}
      <form
        noValidate
        aria-label={post ? "Edit post" : "New post"}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit(true);
        }}
      >
        <TextField
          id={id("title")}
          label="Title (optional)"
          maxLength={POST_TITLE_MAX}
          hint={shortUpdate ? "Without a title, this is a short update." : undefined}
          value={values.title}
          onChange={set("title")}
          error={errors.title}
        />
        <TextareaField
          id={id("body")}
          label={shortUpdate ? "Update" : "Body"}
          rows={shortUpdate ? 4 : 10}
          maxLength={POST_BODY_MAX}
          hint={
            <span className="flex flex-wrap justify-between gap-2">
              <span>Markdown: **bold**, _italic_, [links](https://example.com), lists.</span>
              {shortUpdate && (
                <span className={`tabular-nums ${over ? "font-medium text-danger" : ""}`}>
                  {length.toLocaleString("en")} / {SHORT_UPDATE_MAX} characters
                </span>
              )}
            </span>
          }
          value={values.body}
          onChange={set("body")}
          {...images.textareaProps}
          error={errors.body}
        />
        {images.panel}
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id={id("type")}
            label="Type"
            value={values.type}
            onChange={(event) => {
              const type = postTypes.find((t) => t === event.target.value) ?? "discussion";
              setValues((previous) => ({ ...previous, type }));
              fieldErrors.changedField("type");
            }}
            error={errors.type}
          >
            {postTypes.map((type) => (
              <option key={type} value={type}>
                {postTypeLabels[type]}
              </option>
            ))}
          </SelectField>
          <TextField
            id={id("tags")}
            label="Tags"
            autoCapitalize="none"
            hint={`Up to ${POST_TAGS_MAX}, separated by commas.`}
            value={values.tags}
            onChange={set("tags")}
            error={errors.tags}
          />
        </div>
        {formLevelError && <FormAlert>{formLevelError}</FormAlert>}
        {errors.spaceId && <FormAlert>{errors.spaceId.join(" ")}</FormAlert>}
        <div className="flex flex-wrap justify-end gap-2">
          {onCancel && (
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          )}
          {!published && (
            <Button
              variant="secondary"
              pending={mutation.isPending && intent === "draft"}
              disabled={mutation.isPending}
              onClick={() => submit(false)}
            >
              Save draft
            </Button>
          )}
          <Button
            type="submit"
            pending={mutation.isPending && intent === "publish"}
            disabled={mutation.isPending}
          >
            {published ? "Save" : "Publish"}
          </Button>
        </div>
      </form>
    </>
  );
}
