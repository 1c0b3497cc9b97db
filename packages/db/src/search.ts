// Queries over search_term (schema/search.ts; the study is research/search.md). What a user types
// is one placeholder, normalized in SQL by search_words, so the statement's text depends only on
// the list's shape and compiledSelect keeps one statement per shape.
import {
  type ColumnsSelection,
  getTableName,
  is,
  type Placeholder,
  type SQL,
  sql,
} from "drizzle-orm";
import { type AnyPgColumn, PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { searchKindRegistry } from "./schema/search.ts";
import type { TenantDb } from "./tenant.ts";

/** Up to this many matches, a search fetches them by id; past it, it walks the list's index. */
export const SEARCH_MAX_IDS = 1000;

type Value = SQL | Placeholder;

/** The kinds as a SQL array literal, after checking each is declared (a typo finds nothing). */
function kindsArray(kinds: readonly string[]): SQL {
  if (kinds.length === 0) throw new Error("search: no kinds");
  for (const kind of kinds)
    if (!searchKindRegistry().has(kind))
      throw new Error(`search kind "${kind}" is not declared (searchable or customSearchKind)`);
  // Declared kinds match [a-z][a-z0-9_]*: safe as literals.
  return sql.raw(`array[${kinds.map((k) => `'${k}'`).join(", ")}]::text[]`);
}

/** The words of what the user typed, as search_term stores them. */
export function searchWords(text: Value): SQL {
  return sql`search_words(${text})`;
}

/**
 * True when every word of `words` (a text[] expression, e.g. searchWords(placeholder)) is a
 * prefix of some term of the target: one probe of search_term's primary key per word. For a
 * WHERE on rows already narrowed by an index (a directory page, a walk); to find rows among many,
 * use searchedRows.
 */
export function searchMatches(options: {
  kinds: readonly string[];
  words: SQL;
  organizationId: Value;
  targetId: AnyPgColumn | SQL;
}): SQL {
  const kinds = kindsArray(options.kinds);
  // Both bounds are plain comparisons of text (LEAKPROOF), so under RLS they are index
  // conditions of search_term_pk: (organization, kind, target, term range).
  return sql`not exists (
    select from unnest(${options.words}) as search_word(word)
    where not exists (
      select from search_term as st
      where st.organization_id = ${options.organizationId} and st.kind = any (${kinds})
        and st.target_id = ${options.targetId}
        and st.term >= search_word.word and st.term < search_word.word || chr(1114111)))`;
}

interface SearchedRowsOptions<TTable extends PgTable & { id: AnyPgColumn }> {
  /** The list's table (a tenant table the kinds' terms point into, by id). */
  table: TTable;
  kinds: readonly string[];
  /** What the user typed, raw (a placeholder). No word in it: every row matches. */
  text: Value;
  organizationId: Value;
  /**
   * The list's own conditions (organization, live rows, filters, keyset cursor), written against
   * `table`: both paths apply them, and the walk uses the same index the unsearched list does.
   */
  where: SQL[];
  /** The keyset order (sort column, then id), written against `table`. */
  orderBy: SQL[];
  limit: Value;
  /** Matches fetched by id at most; more and the list's index is walked. Default SEARCH_MAX_IDS. */
  maxIds?: number;
}

/**
 * One page of a searched list, as a CTE to select from (with `tx.with(page)`), with the same
 * columns, filters, order and keyset cursor as the unsearched list. Under RLS and generic plans
 * one plan cannot serve both a rare word (few matches: find them through the word index) and a
 * common one (many matches: walk the list's own index and check each row), so the statement holds
 * both and search_target_ids chooses at run time: it answers the matching ids when there are at
 * most maxIds, or NULL. Each branch is gated by a one-time filter on that answer; only one runs.
 *
 *   ids:  search_found — fetch the ids by primary key, apply the filters, sort, limit
 *   walk: the list's own index in order, one search_term probe per row until the page is full
 *
 * Both are MATERIALIZED CTEs where it matters: inlined, a generic plan joined the ids against the
 * walk's index even when they were NULL.
 */
export function searchedRows<
  TAlias extends string,
  TTable extends PgTable & { id: AnyPgColumn },
  TSelection extends ColumnsSelection,
>(tx: TenantDb, alias: TAlias, columns: TSelection, options: SearchedRowsOptions<TTable>) {
  const { table } = options;
  const name = getTableName(table);
  const fields = Object.entries(columns).map(([key, field]) => {
    if (!is(field, PgColumn) || getTableName(field.table) !== name)
      throw new Error(`searchedRows: "${key}" must be a column of ${name}`);
    return field;
  });
  const select = sql.join(fields, sql`, `);
  const where = sql.join(options.where, sql` and `);
  const orderBy = sql.join(options.orderBy, sql`, `);
  const kinds = kindsArray(options.kinds);
  const maxIds = options.maxIds ?? SEARCH_MAX_IDS;
  if (!Number.isInteger(maxIds) || maxIds < 1) throw new Error("searchedRows: maxIds");
  const matches = searchMatches({
    kinds: options.kinds,
    words: sql`(select words from search_q)`,
    organizationId: options.organizationId,
    targetId: table.id,
  });
  // In the ids branch the found rows are named like the table, so the list's conditions, columns
  // and order (written against it) read them unchanged.
  return tx.$with(alias, columns).as(sql`
    with search_q as materialized (select ${searchWords(options.text)} as words),
    search_ids as materialized (
      select search_target_ids(${kinds}, (select words from search_q), ${sql.raw(String(maxIds))}) as ids),
    search_found as materialized (
      select ${table}.* from unnest((select ids from search_ids)) as search_hit(id)
      join ${table} on ${table.id} = search_hit.id
      where ${where})
    (select ${select} from search_found as ${table}
     where (select ids from search_ids) is not null
     order by ${orderBy} limit ${options.limit})
    union all
    (select ${select} from ${table}
     where (select ids from search_ids) is null and ${where} and ${matches}
     order by ${orderBy} limit ${options.limit})`);
}
