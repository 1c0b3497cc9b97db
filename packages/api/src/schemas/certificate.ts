// Certificates (issue 12 §2): inputs of the member's and admins' procedures and of the public
// verification.
import { CERTIFICATE_REVOKE_REASON_MAX } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";

export const certificateIdInput = z.object({ id: idSchema });

/** An admin's revocation: why, kept for the organization's admins (never shown publicly). */
export const revokeCertificateInput = z.object({
  id: idSchema,
  reason: text()
    .trim()
    .min(1, "Say why it is revoked")
    .max(
      CERTIFICATE_REVOKE_REASON_MAX,
      `A reason has at most ${CERTIFICATE_REVOKE_REASON_MAX} characters`,
    ),
});

/** The organization's certificates, newest issued first, a page at a time (admins). */
export const listCertificatesInput = z.object({
  /** One course's certificates; left out: every course's. */
  courseId: idSchema.optional(),
  /** Part of the member's name as the certificate holds it. */
  search: text().trim().max(100, "Search with at most 100 characters").optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.object({ issuedAt: timestamp(), id: idSchema }).nullish(),
});

/**
 * The public verification takes what the URL holds, checked loosely: a malformed id is "not
 * found", the page's answer for an unknown one, rather than a validation error.
 */
export const verifyCertificateInput = z.object({ id: text().trim().min(1).max(100) });
