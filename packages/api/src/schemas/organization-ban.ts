// Organization bans (issue 11, moderation): banning a member with a reason, lifting a ban.
import { BAN_REASON_MAX } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text } from "./common.ts";

export const banMemberInput = z.object({
  /** The member to ban (a member row's id). */
  memberId: idSchema,
  reason: text()
    .trim()
    .min(1, "Say why, for the other moderators and the audit log")
    .max(BAN_REASON_MAX, `At most ${BAN_REASON_MAX} characters`),
});

export const liftBanInput = z.object({ id: idSchema });
