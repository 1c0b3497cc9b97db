import { useCallback, useRef } from "react";
import { TextField } from "../../components/field.tsx";
import type { FieldErrors } from "../../lib/errors.ts";
import { useOrgTRPCClient } from "../../lib/trpc.ts";
import { FileUpload } from "../files/file-upload.tsx";
import type { UploadFields } from "../files/use-upload.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import type { BlockDraft } from "./lesson-draft.ts";

type FileBlock = Extract<BlockDraft, { type: "image" | "file" }>;

/**
 * An image or file block's file: uploaded through the platform's files for the course
 * (lesson.startFileUpload: a course file of its space, seen by whoever sees the space), then
 * named by the block. An image shows as learners will see it, with its alt text; a file has the
 * label its download link shows.
 */
export function LessonFileField({
  block,
  at,
  courseId,
  errors,
  onChange,
}: {
  block: FileBlock;
  at: string;
  courseId: string;
  errors: FieldErrors;
  onChange: (next: FileBlock, field: string) => void;
}) {
  const { id: organizationId } = useCurrentOrganization();
  const client = useOrgTRPCClient();
  const started = useRef<string | null>(null);
  const latest = useRef(block);
  latest.current = block;
  const start = useCallback(
    async (fields: UploadFields) => {
      const answer = await client.lesson.startFileUpload.mutate({ ...fields, courseId });
      started.current = answer.file.id;
      return answer;
    },
    [client, courseId],
  );
  const onUploaded = useCallback(async () => {
    const fileId = started.current;
    started.current = null;
    if (fileId) onChange({ ...latest.current, fileId }, `${at}.fileId`);
  }, [onChange, at]);
  const image = block.type === "image";
  const noun = image ? "image" : "file";
  return (
    <div className="space-y-3">
      {block.fileId ? (
        image ? (
          <img
            src={`/api/files/${organizationId}/${block.fileId}`}
            alt={block.alt}
            className="max-h-64 rounded-md border border-border"
          />
        ) : (
          <p className="text-sm text-foreground">A file is attached.</p>
        )
      ) : (
        <p className="text-sm text-muted-foreground">No {noun} yet.</p>
      )}
      <div id={`${at}.fileId`} tabIndex={-1}>
        <FileUpload
          purpose="course_file"
          label={block.fileId ? `Replace the ${noun}` : `Upload ${image ? "an image" : "a file"}`}
          start={start}
          onUploaded={onUploaded}
        />
      </div>
      {errors[`${at}.fileId`] && (
        <p className="text-sm text-danger">{errors[`${at}.fileId`]?.[0]}</p>
      )}
      {block.type === "image" ? (
        <TextField
          id={`${at}.alt`}
          label="Alt text"
          hint="What the image shows, for those who cannot see it"
          autoComplete="off"
          value={block.alt}
          onChange={(e) => onChange({ ...block, alt: e.target.value }, `${at}.alt`)}
          error={errors[`${at}.alt`]}
        />
      ) : (
        <TextField
          id={`${at}.label`}
          label="Link text"
          placeholder="The file's name"
          autoComplete="off"
          value={block.label}
          onChange={(e) => onChange({ ...block, label: e.target.value }, `${at}.label`)}
          error={errors[`${at}.label`]}
        />
      )}
    </div>
  );
}
