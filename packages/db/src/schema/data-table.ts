// What each member chose for the app's data tables (the leads list, later every domain's list):
// which columns they hide. Member-owned, like notification preferences: it follows the member
// to any browser, and row-level security shows a member only their own choices.
import { text, unique } from "drizzle-orm/pg-core";
import { memberOwnedTable, updatedAt } from "./helpers.ts";

/** A member's columns for one table; without a row the table's default columns show. */
export const tablePreference = memberOwnedTable(
  "table_preference",
  {
    /** A table registered in packages/api/src/schemas/data-table.ts, e.g. `leads`. */
    tableKey: text().notNull(),
    hiddenColumns: text().array().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("table_preference_organization_id_member_id_table_key_key").on(
      t.organizationId,
      t.memberId,
      t.tableKey,
    ),
  ],
);
