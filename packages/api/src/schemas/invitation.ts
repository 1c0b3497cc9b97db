import { z } from "zod";
import { idSchema, text } from "./common";
import { memberRoleSchema } from "./member";

export const createInvitationInput = z.object({
  email: text()
    .trim()
    .toLowerCase()
    .max(320, "Email must be at most 320 characters")
    .pipe(z.email("Enter a valid email address")),
  role: memberRoleSchema,
});
export const invitationIdInput = z.object({ invitationId: idSchema });
