// Resources spaces (issue 11): a space of type resources holds files and links with descriptions,
// grouped in folders. Both tables are space-scoped, so the space's visibility rule
// (guild_visible_space_ids, migration 0041) hides every folder and item of a space the member
// cannot see, on reads and on writes, whatever a query forgets.
//
// Folders are one level deep: a resource sits at the space's top level or in one folder. A
// community's library is a handful of groups ("Templates", "Recordings"); deeper trees would
// cost a recursive read per list, cycle checks on every move and breadcrumbs on a phone, for
// an organization nobody asked for.
//
// A file resource's bytes are a platform file (purpose "resource", schema/file.ts) that belongs
// to the space: the item points at it through (organization, space, file), so it can never show
// another space's file, and deleting the file (by the item's deletion, the daily sweep of
// unconfirmed uploads, or the space going) deletes the item with it.
import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, text, unique, uuid } from "drizzle-orm/pg-core";
import {
  RESOURCE_DESCRIPTION_MAX,
  RESOURCE_FOLDER_DESCRIPTION_MAX,
  RESOURCE_FOLDER_NAME_MAX,
  RESOURCE_TITLE_MAX,
  RESOURCE_URL_MAX,
  resourceKinds,
} from "../enums/resource.ts";
import { file } from "./file.ts";
import { memberRef, textEnum, updatedAt } from "./helpers.ts";
import { searchable } from "./search.ts";
import { spaceScopedTable } from "./space.ts";

export const resourceFolder = spaceScopedTable(
  "resource_folder",
  {
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Order in the space, smallest first. */
    position: integer().notNull().default(0),
    /** Null once its creator left the organization. */
    createdByMemberId: uuid(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Items point at (organization, space, folder): an item can never sit in another space's folder.
    unique("resource_folder_org_space_id_unique").on(t.organizationId, t.spaceId, t.id),
    memberRef(t, t.createdByMemberId, "resource_folder_created_by_member_fk"),
    check(
      "resource_folder_name_check",
      sql`char_length(btrim(${t.name})) between 1 and ${sql.raw(String(RESOURCE_FOLDER_NAME_MAX))}`,
    ),
    check(
      "resource_folder_description_check",
      sql`char_length(${t.description}) <= ${sql.raw(String(RESOURCE_FOLDER_DESCRIPTION_MAX))}`,
    ),
    index("resource_folder_org_space_position_idx").on(
      t.organizationId,
      t.spaceId,
      t.position,
      t.id,
    ),
  ],
);

export const resourceItem = spaceScopedTable(
  "resource_item",
  {
    /** Null: at the space's top level. */
    folderId: uuid(),
    kind: textEnum(resourceKinds).notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    /** A link's address (http or https only: checked here and by the API's schema). */
    url: text(),
    /** A file's platform file (purpose resource, in this space). */
    fileId: uuid(),
    /** Order within its folder (or the top level), smallest first. */
    position: integer().notNull().default(0),
    /** Null once its creator left the organization. */
    createdByMemberId: uuid(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: "resource_item_folder_fk",
      columns: [t.organizationId, t.spaceId, t.folderId],
      foreignColumns: [resourceFolder.organizationId, resourceFolder.spaceId, resourceFolder.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "resource_item_file_fk",
      columns: [t.organizationId, t.spaceId, t.fileId],
      foreignColumns: [file.organizationId, file.spaceId, file.id],
    }).onDelete("cascade"),
    // One item per file: deleting the item deletes the file, which nothing else may still show.
    unique("resource_item_org_file_unique").on(t.organizationId, t.fileId),
    memberRef(t, t.createdByMemberId, "resource_item_created_by_member_fk"),
    check(
      "resource_item_kind_fields_check",
      sql`(${t.kind} = 'file') = (${t.fileId} is not null and ${t.url} is null)
          and (${t.kind} = 'link') = (${t.url} is not null and ${t.fileId} is null)`,
    ),
    check(
      "resource_item_url_check",
      sql`${t.url} is null or (${t.url} ~* '^https?://' and char_length(${t.url}) <= ${sql.raw(String(RESOURCE_URL_MAX))})`,
    ),
    check(
      "resource_item_title_check",
      sql`char_length(btrim(${t.title})) between 1 and ${sql.raw(String(RESOURCE_TITLE_MAX))}`,
    ),
    check(
      "resource_item_description_check",
      sql`char_length(${t.description}) <= ${sql.raw(String(RESOURCE_DESCRIPTION_MAX))}`,
    ),
    // A space's list (folders' items and the top level), in order.
    index("resource_item_org_space_folder_position_idx").on(
      t.organizationId,
      t.spaceId,
      t.folderId,
      t.position,
      t.id,
    ),
    // The folder foreign key's cascade.
    index("resource_item_org_folder_idx")
      .on(t.organizationId, t.folderId)
      .where(sql`${t.folderId} is not null`),
  ],
);

// Community search (services/community-search.ts): a resource by the words of its title and
// description.
searchable(resourceItem, "resource", [resourceItem.title, resourceItem.description]);
