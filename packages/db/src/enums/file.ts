// Files (platform): what a stored file is for, where it is in its life, and the types Guild
// stores. Every type here is recognizable by its first bytes (content sniffing when an upload is
// confirmed); adding one means teaching @guild/storage's sniffContentType about it.

/** What a file is for: decides its limits, its owner and who may read or delete it. */
export const filePurposes = [
  "avatar",
  "lead_attachment",
  "logo",
  "resource",
  "post_image",
  "course_file",
  "event_cover",
] as const;
export type FilePurpose = (typeof filePurposes)[number];

/** pending: a presigned upload was handed out; ready: the upload was confirmed and inspected. */
export const fileStatuses = ["pending", "ready"] as const;
export type FileStatus = (typeof fileStatuses)[number];

export const fileContentTypes = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
] as const;
export type FileContentType = (typeof fileContentTypes)[number];
