// A member's picture. Per membership, not per user: a picture is organization data like any
// other file (stored under the organization's prefix, counted in its storage, deleted with it or
// when the member leaves), each organization sees only what was uploaded to it, and it can be
// served publicly for that organization's pages and mail without exposing a person's other
// organizations. Someone in two organizations sets one in each (as in Slack's workspaces).

import { type AnyPgColumn, and, eq, file, type TenantScope } from "@guild/db";
import type { Storage } from "@guild/storage";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import type { avatarUploadInput } from "../schemas/file.ts";
import { publicFilePath, startUpload } from "./file.ts";

/** Starts an upload of the acting member's own picture; confirming it replaces the old one. */
export async function startAvatarUpload(
  scope: TenantScope,
  storage: Storage,
  input: z.output<typeof avatarUploadInput>,
) {
  if (scope.actor.kind !== "member")
    throw new AppError("FORBIDDEN", "Only a member of the organization can have a picture");
  return startUpload(scope, storage, { purpose: "avatar", memberId: scope.actor.memberId }, input);
}

/** The stable URL of a member's picture (avatarFileId from a query), or null. */
export function avatarUrl(organizationId: string, avatarFileId: string | null): string | null {
  return avatarFileId ? publicFilePath(organizationId, avatarFileId) : null;
}

/**
 * The join condition of a member's picture, for a left join of `file` (at most one row:
 * file_one_avatar_per_member).
 */
export function avatarOf(organizationId: AnyPgColumn, memberId: AnyPgColumn) {
  return and(
    eq(file.organizationId, organizationId),
    eq(file.memberId, memberId),
    eq(file.purpose, "avatar"),
    eq(file.status, "ready"),
  );
}
