import type { TRPCRouterRecord } from "@trpc/server";
import { rateLimitPerMember } from "../rate-limit.ts";
import { byIdInput } from "../schemas/common.ts";
import { confirmUpload, downloadUrl, removeFile, storageUsed } from "../services/file.ts";
import { orgLongProcedure, orgProcedure, roleProcedure } from "../trpc.ts";

/**
 * Uploads started per member (every purpose together): each hands out a URL that stores bytes on
 * our bill, and a pending row the daily maintenance has to clear.
 */
export const uploadRateLimit = rateLimitPerMember("file.upload", {
  max: 120,
  windowSeconds: 3600,
  what: "uploads started",
});

// The platform's file procedures, for files of every purpose; starting an upload belongs to the
// domain a file is for (lead.startAttachmentUpload, member.startAvatarUpload).
export const fileRouter = {
  /**
   * After the browser's PUT: Guild inspects the object in S3 (no connection or lock held while it
   * waits) and makes the file ready, or deletes it and says why.
   */
  confirmUpload: orgLongProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => confirmUpload(ctx.tenant, ctx.storage, input.id)),
  /** A URL that downloads the file for the next minute. */
  downloadUrl: orgProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => downloadUrl(ctx.scope, ctx.storage, input.id)),
  /** Deletes a file, or cancels one's own pending upload. */
  remove: orgProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => removeFile(ctx.scope, input.id)),
  /** Storage the organization uses. */
  usage: roleProcedure("admin").query(({ ctx }) => storageUsed(ctx.scope)),
} satisfies TRPCRouterRecord;
