// Files attached to a lead (the first domain use of files): listed on the lead's page, uploaded
// by anyone who may see the lead, deleted by their uploader or an admin (file-policies.ts).
import { and, asc, eq, file, member, type TenantScope, user } from "@guild/db";
import type { Storage } from "@guild/storage";
import type { z } from "zod";
import type { leadAttachmentUploadInput } from "../schemas/file.ts";
import { startUpload } from "./file.ts";
import { getLead } from "./lead.ts";

/** The lead's ready attachments, oldest first, with who attached them. */
export async function listLeadAttachments(scope: TenantScope, leadId: string) {
  await getLead(scope, leadId);
  return scope.db
    .select({
      id: file.id,
      name: file.name,
      size: file.size,
      contentType: file.contentType,
      uploaderMemberId: file.uploaderMemberId,
      uploaderName: user.name,
      createdAt: file.createdAt,
    })
    .from(file)
    .leftJoin(
      member,
      and(eq(member.organizationId, file.organizationId), eq(member.id, file.uploaderMemberId)),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .where(
      and(
        eq(file.organizationId, scope.organizationId),
        eq(file.leadId, leadId),
        eq(file.status, "ready"),
      ),
    )
    .orderBy(asc(file.createdAt), asc(file.id));
}

export async function startLeadAttachmentUpload(
  scope: TenantScope,
  storage: Storage,
  { leadId, ...upload }: z.output<typeof leadAttachmentUploadInput>,
) {
  await getLead(scope, leadId);
  return startUpload(scope, storage, { purpose: "lead_attachment", leadId }, upload);
}
