// Certificates (issue 12 §2): inputs of the member's and admins' procedures and of the public
// verification.
import { z } from "zod";
import { idSchema, text } from "./common.ts";

export const certificateIdInput = z.object({ id: idSchema });

/**
 * The public verification takes what the URL holds, checked loosely: a malformed id is "not
 * found", the page's answer for an unknown one, rather than a validation error.
 */
export const verifyCertificateInput = z.object({ id: text().trim().min(1).max(100) });
