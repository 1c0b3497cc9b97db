import { memberRoles } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text } from "./common.ts";

export const memberRoleSchema = z.enum(memberRoles, "Choose a role");
export const changeRoleInput = z.object({ id: idSchema, role: memberRoleSchema });
export const setCrmAccessInput = z.object({ id: idSchema, crmAccess: z.boolean() });

/** Where a directory page starts: after this member in (name, id) order. */
export const memberCursor = z.object({ name: text().max(1000), id: idSchema });
export type MemberCursor = z.infer<typeof memberCursor>;

/** The member directory: a page in name order, optionally searched. */
export const listMembersInput = z
  .object({
    /** A prefix of any word of the name (of the email too, for admins). */
    search: text().trim().max(100).optional(),
    /** Only the CRM's staff (who may own leads): the lead owner pickers. */
    crmStaff: z.boolean().optional(),
    cursor: memberCursor.nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ limit: 50 });
