import { z } from "zod";
import { idSchema, text } from "./common.ts";
import { memberRoleSchema } from "./member.ts";

export const createInvitationInput = z.object({
  email: text()
    .trim()
    .toLowerCase()
    .max(320, "Email must be at most 320 characters")
    .pipe(z.email("Enter a valid email address")),
  role: memberRoleSchema,
});

/** An invitation link as mailed: /invitations/<id>?key=<key> (services/invitation-key.ts). */
export const invitationLinkInput = z.object({
  id: idSchema,
  key: text().max(100, "This invitation link is not valid: check the link in the mail"),
});
