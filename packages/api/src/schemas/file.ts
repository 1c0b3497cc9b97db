// Files: what each purpose accepts, and the inputs of the file procedures. The web's upload
// controls check a file against the same rules before asking for an upload URL.
import { type FileContentType, type FilePurpose, fileContentTypes } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text } from "./common.ts";

export type { FileContentType, FilePurpose };

const MB = 1024 * 1024;

export interface FileRule {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  types: readonly FileContentType[];
  /** How the accepted types are named to people ("a PNG, JPEG, GIF or WebP image"). */
  typesInWords: string;
}

const imageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

/** Limits and types per purpose (see @guild/db/enums filePurposes). */
export const fileRules: Record<FilePurpose, FileRule> = {
  avatar: {
    maxBytes: 2 * MB,
    types: imageTypes,
    typesInWords: "a PNG, JPEG, GIF or WebP image",
  },
  logo: {
    maxBytes: 2 * MB,
    types: imageTypes,
    typesInWords: "a PNG, JPEG, GIF or WebP image",
  },
  lead_attachment: {
    maxBytes: 25 * MB,
    types: [...imageTypes, "application/pdf"],
    typesInWords: "a PDF or a PNG, JPEG, GIF or WebP image",
  },
  // A resources space's files (handouts, slides, worksheets): the types Guild can recognize by
  // their first bytes; more types need @guild/storage's sniffer to learn them first.
  resource: {
    maxBytes: 25 * MB,
    types: ["application/pdf", ...imageTypes],
    typesInWords: "a PDF or a PNG, JPEG, GIF or WebP image",
  },
  // Images in posts and comments: photos from a phone are a few MB.
  post_image: {
    maxBytes: 10 * MB,
    types: imageTypes,
    typesInWords: "a PNG, JPEG, GIF or WebP image",
  },
  // A lesson's image and file blocks (diagrams, worksheets), as a resources space's files.
  course_file: {
    maxBytes: 25 * MB,
    types: ["application/pdf", ...imageTypes],
    typesInWords: "a PDF or a PNG, JPEG, GIF or WebP image",
  },
  // An event's cover image (event.startCoverUpload), as a post's images.
  event_cover: {
    maxBytes: 10 * MB,
    types: imageTypes,
    typesInWords: "a PNG, JPEG, GIF or WebP image",
  },
};

/** "2 MB", "512 KB", "40 bytes": a size as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / MB;
  return `${mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)} MB`;
}

/** What a type is called in messages: "PNG image", "PDF". */
export function typeLabel(type: FileContentType): string {
  return type === "application/pdf" ? "PDF" : `${type.slice(6).toUpperCase()} image`;
}

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
