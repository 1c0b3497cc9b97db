import { z } from "zod";
import { text } from "./common.ts";
import { memberRoleSchema } from "./member.ts";

export const createInvitationInput = z.object({
  email: text()
    .trim()
    .toLowerCase()
    .max(320, "Email must be at most 320 characters")
    .pipe(z.email("Enter a valid email address")),
  role: memberRoleSchema,
});
