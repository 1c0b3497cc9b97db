// The organization's logo: a platform file of purpose "logo" that the organization itself owns
// (no owner column), at most one ready at a time (file_one_logo_per_organization). Admins upload
// and remove it; everyone sees it, signed out included, at its stable public URL (the public
// page, the shell, mail).
import { and, eq, file, type TenantScope } from "@guild/db";
import type { Storage } from "@guild/storage";
import type { z } from "zod";
import { notFound } from "../errors.ts";
import type { logoUploadInput } from "../schemas/file.ts";
import { publicFilePath, removeFile, startUpload } from "./file.ts";

const readyLogo = (organizationId: string) =>
  and(eq(file.organizationId, organizationId), eq(file.purpose, "logo"), eq(file.status, "ready"));

/** The logo's stable public URL, or null. */
export async function logoUrlOf(scope: TenantScope): Promise<string | null> {
  const [row] = await scope.db
    .select({ id: file.id })
    .from(file)
    .where(readyLogo(scope.organizationId));
  return row ? publicFilePath(scope.organizationId, row.id) : null;
}

/** Starts an upload of a new logo (an admin's: the router's rung); confirming it replaces the old. */
export function startLogoUpload(
  scope: TenantScope,
  storage: Storage,
  input: z.output<typeof logoUploadInput>,
) {
  return startUpload(scope, storage, { purpose: "logo" }, input);
}

/** Removes the logo: the public page falls back to the organization's initial. */
export async function removeLogo(scope: TenantScope) {
  const [row] = await scope.db
    .select({ id: file.id })
    .from(file)
    .where(readyLogo(scope.organizationId));
  if (!row) throw notFound("Logo");
  return removeFile(scope, row.id);
}
