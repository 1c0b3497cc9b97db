import { z } from "zod";
import { idSchema } from "./common";
import { memberRoleSchema } from "./member";

export const createInvitationInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  role: memberRoleSchema,
});
export const invitationIdInput = z.object({ invitationId: idSchema });
export type CreateInvitationInput = z.input<typeof createInvitationInput>;
