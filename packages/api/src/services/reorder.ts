// Reordering a list by hand (resource folders and items, courses, modules, lessons): the client sends
// every row of the list in its new order, and the rows get the positions 0, 1, 2… in one
// statement. A list that changed since the client loaded it is refused, never half-applied.
import {
  type course,
  type courseModule,
  type lesson,
  type resourceFolder,
  type resourceItem,
  sql,
  type TenantScope,
} from "@guild/db";
import { AppError } from "../errors.ts";

/** The tables with a hand-set `position`. */
type Positioned =
  | typeof resourceFolder
  | typeof resourceItem
  | typeof course
  | typeof courseModule
  | typeof lesson;

/**
 * Gives `ids` the positions 0, 1, 2… in one statement, after checking they are exactly the rows
 * `current` lists (read by the caller in the list's own scope: a folder, a space, a module), and
 * answers the order it applied.
 */
export async function applyOrder(
  scope: TenantScope,
  table: Positioned,
  spaceId: string,
  current: { id: string }[],
  ids: string[],
): Promise<{ ids: string[] }> {
  const wanted = new Set(ids);
  if (
    wanted.size !== ids.length ||
    current.length !== ids.length ||
    current.some((row) => !wanted.has(row.id))
  )
    throw new AppError("CONFLICT", "The list changed since you loaded it: reload and try again", {
      field: "ids",
    });
  await scope.db.execute(sql`
    update ${table} set position = ordered.position - 1
    from unnest(${`{${ids.join(",")}}`}::uuid[]) with ordinality as ordered(id, position)
    where ${table.organizationId} = ${scope.organizationId} and ${table.spaceId} = ${spaceId}
      and ${table.id} = ordered.id`);
  return { ids };
}
