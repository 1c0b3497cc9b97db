// A member's choices for the app's data tables (schemas/data-table.ts): kept on the server, in a
// member-owned row, so they follow the member to every browser.
import { and, eq, type TenantScope, tablePreference } from "@guild/db";
import type { z } from "zod";
import type { setTablePreferenceInput, tablePreferenceInput } from "../schemas/data-table.ts";
import { actingMember } from "./member.ts";

/** The member's hidden columns for a table: none until they hide one. */
export async function getTablePreference(
  scope: TenantScope,
  input: z.output<typeof tablePreferenceInput>,
) {
  const me = actingMember(scope);
  const [row] = await scope.db
    .select({ hiddenColumns: tablePreference.hiddenColumns })
    .from(tablePreference)
    .where(
      and(
        eq(tablePreference.organizationId, scope.organizationId),
        eq(tablePreference.memberId, me.memberId),
        eq(tablePreference.tableKey, input.table),
      ),
    );
  return { table: input.table, hiddenColumns: row?.hiddenColumns ?? [] };
}

export async function setTablePreference(
  scope: TenantScope,
  input: z.output<typeof setTablePreferenceInput>,
) {
  const me = actingMember(scope);
  const [row] = await scope.db
    .insert(tablePreference)
    .values({
      organizationId: scope.organizationId,
      memberId: me.memberId,
      tableKey: input.table,
      hiddenColumns: input.hiddenColumns,
    })
    .onConflictDoUpdate({
      target: [tablePreference.organizationId, tablePreference.memberId, tablePreference.tableKey],
      set: { hiddenColumns: input.hiddenColumns, updatedAt: scope.now() },
    })
    .returning({ hiddenColumns: tablePreference.hiddenColumns });
  if (!row) throw new Error("upsert returned no row");
  return { table: input.table, hiddenColumns: row.hiddenColumns };
}
