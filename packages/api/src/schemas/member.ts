import { memberRoles } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text } from "./common.ts";
import {
  MEMBER_BULK_LIMIT,
  type MemberSortField,
  type MemberTableColumn,
  memberSortFields,
  memberTableColumns,
} from "./member-constants.ts";

export const memberRoleSchema = z.enum(memberRoles, "Choose a role");
export const changeRoleInput = z.object({ id: idSchema, role: memberRoleSchema });
export const setCrmAccessInput = z.object({ id: idSchema, crmAccess: z.boolean() });

/**
 * Where a directory page starts: after this member in (sort value, id) order. The value is the
 * sort column's, as text (a name, an email, a role, an ISO time).
 */
export const memberCursor = z.object({ value: text().max(1000), id: idSchema });
export type MemberCursor = z.infer<typeof memberCursor>;

/** Which members a directory shows, without order or page: the count and bulk actions take it. */
export const memberFilter = z.object({
  /** A prefix of any word of the name (of the email too, for admins). */
  search: text().trim().max(100).optional(),
  /** Only members holding one of these roles. */
  role: z.array(memberRoleSchema).max(memberRoles.length).optional(),
});
export type MemberFilter = z.input<typeof memberFilter>;

export {
  MEMBER_BULK_LIMIT,
  type MemberSortField,
  type MemberTableColumn,
  memberSortFields,
  memberTableColumns,
};

/** The member directory: a page in name order (or another sort), optionally searched. */
export const listMembersInput = memberFilter
  .extend({
    /** Only the CRM's staff (who may own leads): the lead owner pickers. */
    crmStaff: z.boolean().optional(),
    sort: z.enum(memberSortFields).default("name"),
    // Not "direction": tRPC's infinite-query helpers write their own `direction` into the input.
    order: z.enum(["asc", "desc"]).default("asc"),
    cursor: memberCursor.nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ limit: 50, sort: "name", order: "asc" });

const bulkLimitMessage = `At most ${MEMBER_BULK_LIMIT.toLocaleString("en")} members at once`;

/**
 * The members a bulk action applies to: every member the filter matches ("select all N
 * matching"), or only the chosen ids among them.
 */
export const memberSelection = z.object({
  filter: memberFilter,
  ids: z
    .array(idSchema)
    .min(1, "Select at least one member")
    .max(MEMBER_BULK_LIMIT, bulkLimitMessage)
    .optional(),
});

/** New role for the selection. Owners are made one at a time (transferOwnership, changeRole). */
export const bulkChangeRoleInput = memberSelection.extend({
  role: z.enum(["admin", "moderator", "member"], "Choose admin, moderator or member"),
});
