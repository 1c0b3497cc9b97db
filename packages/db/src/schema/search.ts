// Search that uses an index under forced row-level security (issue 8 §7; the study is in
// research/search.md). Under RLS only LEAKPROOF operators become index conditions: ILIKE, pg_trgm,
// full-text `@@` and array operators are not, so a search over them reads every row of the
// organization. Plain btree comparisons of text are. So every searchable row's words live in
// search_term, one row per word, and a search is a range scan of the words starting with what the
// user typed: `term >= 'jo' and term < 'jo' || U&'\+10FFFF'` (byte order, hence COLLATE "C").
//
// search_term is an ordinary tenant table (forced RLS, the organization policy, the audit), so the
// mechanism needs no superuser and no policy exception. Its rows are written
// only by triggers (migrations 0016 and 0017, through search_set_terms):
// - a table searched by its own columns declares it here with `searchable(table, kind, columns)`;
//   migrate() (guild_secure_search) creates the triggers and fills the terms of existing rows;
// - words from another table (a member's name is on user) need a custom migration calling
//   search_set_terms from triggers on both tables (0017 does it for members); declare the kind
//   with customSearchKind so queries can name it.
// Services query it through ../search.ts (searchedRows, searchMatches).
import { getTableName } from "drizzle-orm";
import { type AnyPgColumn, customType, index, type PgTable, uuid } from "drizzle-orm/pg-core";
import { keyedTenantTable } from "./helpers.ts";

/**
 * Text compared byte by byte whatever the database's default collation (managed PostgreSQL often
 * defaults to en_US): the prefix range above is exact only in byte order.
 */
const byteText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});

export const searchTerm = keyedTenantTable(
  "search_term",
  {
    /** What the target is: a searchable() or customSearchKind() name ('lead', 'member'). */
    kind: byteText().notNull(),
    /** The row's id (its key is (organization_id, id)); no foreign key: kinds span tables. */
    targetId: uuid().notNull(),
    /** One word of the row, normalized by search_words() (lowercase, at most 64 characters). */
    term: byteText().notNull(),
  },
  // The primary key serves the per-row probes of a list walk and the triggers' deletes.
  (t) => [t.kind, t.targetId, t.term],
  // The word ranges: (organization, kind, words starting with …) → target ids, index-only.
  (t) => [index("search_term_term_idx").on(t.organizationId, t.kind, t.term, t.targetId)],
);

/** A kind of searchable row, as queries name it. */
export interface SearchKind {
  kind: string;
  /** The table whose ids the kind's terms point at. */
  table: string;
  /** The columns whose words are indexed, or null when a custom migration writes the terms. */
  columns: string[] | null;
}

const searchKinds = new Map<string, SearchKind>();

// Kinds appear as literals in SQL and in trigger names.
const KIND = /^[a-z][a-z0-9_]{0,40}$/;

function declareKind(entry: SearchKind) {
  if (!KIND.test(entry.kind)) throw new Error(`search kind "${entry.kind}": use [a-z0-9_]`);
  const known = searchKinds.get(entry.kind);
  if (known && JSON.stringify(known) !== JSON.stringify(entry))
    throw new Error(`search kind "${entry.kind}" is declared twice`);
  searchKinds.set(entry.kind, entry);
}

type SearchableTable = PgTable & { organizationId: AnyPgColumn; id: AnyPgColumn };

/**
 * Makes a table's rows searchable by the words of `columns` (a prefix of any word finds the row).
 * migrate() then keeps a trigger on the table that writes the rows' terms, and fills them for the
 * rows already there; removing the line removes trigger and terms. The table needs
 * organization_id and id (tenantTable). One line per domain, next to the table:
 *
 *     searchable(lead, "lead", [lead.name, lead.email, lead.company]);
 *
 * Soft-deleted rows keep their terms (Undo needs nothing): the list query filters them.
 */
export function searchable(table: SearchableTable, kind: string, columns: AnyPgColumn[]) {
  const name = getTableName(table);
  if (columns.length === 0) throw new Error(`searchable(${name}): no columns`);
  for (const column of columns)
    if (getTableName(column.table) !== name)
      throw new Error(`searchable(${name}): column ${column.name} is not one of its columns`);
  declareKind({ kind, table: name, columns: columns.map((c) => c.name) });
}

/**
 * A kind whose terms a custom migration writes (the words live in another table than the rows
 * they find: a member's name is on user). Declared so queries can name it.
 */
export function customSearchKind(table: SearchableTable, kind: string) {
  declareKind({ kind, table: getTableName(table), columns: null });
}

/** Every declared kind (the schema's modules must have been imported). */
export function searchKindRegistry(): ReadonlyMap<string, SearchKind> {
  return searchKinds;
}
