import { z } from "zod";
import { text } from "./common.ts";

export const deleteAccountInput = z.object({
  password: text().min(1, "Enter your password").max(1024, "Enter your password"),
  /** The authenticator's code, when two-factor sign-in is on. */
  code: text().trim().max(16, "Enter the 6-digit code").optional(),
});
