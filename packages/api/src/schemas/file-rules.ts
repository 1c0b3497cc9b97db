// What each file purpose accepts, and how sizes and types are named: plain data, no zod, so the
// screens that show a limit ("up to 10 MB") don't load the upload schemas (file.ts) with them.
import type { FileContentType, FilePurpose } from "@guild/db/enums";

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
