// Files: what each purpose accepts, and the inputs of the file procedures. The web's upload
// controls check a file against the same rules before asking for an upload URL.
import { type FileContentType, type FilePurpose, fileContentTypes } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text } from "./common.ts";

export { type FileRule, fileRules, formatBytes, typeLabel } from "./file-rules.ts";
export type { FileContentType, FilePurpose };

import { fileRules, formatBytes } from "./file-rules.ts";

// Control characters (line breaks included), the Unicode line and paragraph separators, and the
// bidirectional overrides that make "invoice‮fdp.exe" display as "invoiceexe.pdf".
const UNSAFE_NAME_CHARACTERS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/**
 * A file's name as the uploader's system gave it: one line, no folder. Browsers send only the
 * last part of a path; a slash or backslash means a client that tries to name a path.
 */
export const fileName = text()
  .trim()
  .min(1, "The file needs a name")
  .max(255, "The file name must be at most 255 characters")
  .refine((name) => !/[/\\]/.test(name), "The file name cannot contain / or \\")
  .refine((name) => name !== "." && name !== "..", "The file name cannot be . or ..")
  .refine(
    (name) => !UNSAFE_NAME_CHARACTERS.test(name),
    "The file name cannot contain control or text-direction characters",
  );

/** The file a person is about to upload for `purpose`: its name, size and declared type. */
export function uploadFields(purpose: FilePurpose) {
  const rule = fileRules[purpose];
  return z.object({
    name: fileName,
    size: z
      .number("The file size is missing")
      .int("The file size must be a whole number of bytes")
      .min(1, "The file is empty")
      .max(rule.maxBytes, `The file is too large: the limit is ${formatBytes(rule.maxBytes)}`),
    contentType: z
      .enum(fileContentTypes, `Choose ${rule.typesInWords}`)
      .refine((type) => rule.types.includes(type), `Choose ${rule.typesInWords}`),
  });
}

export const avatarUploadInput = uploadFields("avatar");
export const logoUploadInput = uploadFields("logo");
export const leadAttachmentUploadInput = uploadFields("lead_attachment").extend({
  leadId: idSchema,
});
export const leadAttachmentsInput = z.object({ leadId: idSchema });

/** An image for a post or comment in `spaceId` (the composer's "Add image", paste or drop). */
export const postImageUploadInput = uploadFields("post_image").extend({ spaceId: idSchema });

/** An image or file for a lesson block of course `courseId` (the lesson editor's upload). */
export const courseFileUploadInput = uploadFields("course_file").extend({ courseId: idSchema });
