import { is, type Query, SQL } from "drizzle-orm";
import { PgColumn, PgTimestamp } from "drizzle-orm/pg-core";
import type { TenantDb } from "./tenant.ts";
import { parseTimestamp } from "./timestamp.ts";

/** What compiledSelect needs of a drizzle select builder. */
interface SelectBuilder {
  toSQL(): Query;
  readonly _: { readonly selectedFields: object; readonly result: unknown };
}

type Decode = (value: unknown) => unknown;

/** An sql field's decoder (`.mapWith()`'s; drizzle keeps the property out of its types). */
function sqlDecoder(key: string, value: SQL): Decode {
  const decoder: unknown = "decoder" in value ? value.decoder : undefined;
  if (
    typeof decoder === "object" &&
    decoder !== null &&
    "mapFromDriverValue" in decoder &&
    typeof decoder.mapFromDriverValue === "function"
  ) {
    const decode = decoder.mapFromDriverValue;
    return (driverValue): unknown => Reflect.apply(decode, decoder, [driverValue]);
  }
  throw new Error(`compiledSelect: "${key}" has no decoder`);
}

/**
 * Turns the driver's row arrays into result objects, the way drizzle's own mapResultRow does for
 * a flat selection (null stays null, everything else goes through its column's or sql's decoder),
 * with the per-field work (which decoder, under which key) done once per shape instead of once
 * per field of every row: drizzle's mapper was an eighth of lead.list's CPU (`pnpm bench
 * --cpu-prof`), mostly its entity checks on the CTE's column proxies. Timestamps (two a lead)
 * are read by parseTimestamp, which gives the Date drizzle's decoder gives, without V8's parser.
 */
function rowMapper(selection: object): (rows: unknown[][]) => Record<string, unknown>[] {
  const fields = Object.entries(selection).map(([key, field]: [string, unknown]) => {
    if (is(field, PgTimestamp)) {
      const { withTimezone } = field;
      return {
        key,
        decode: (value: unknown): unknown =>
          typeof value === "string" ? parseTimestamp(value, withTimezone) : value,
      };
    }
    if (is(field, PgColumn)) {
      // Looked up once: a CTE's columns are proxies, and every property read goes through them.
      const decode = field.mapFromDriverValue;
      return { key, decode: (value: unknown): unknown => decode.call(field, value) };
    }
    if (is(field, SQL)) return { key, decode: sqlDecoder(key, field) };
    if (is(field, SQL.Aliased)) return { key, decode: sqlDecoder(key, field.sql) };
    throw new Error(`compiledSelect: "${key}" must be a column or sql (flat selections only)`);
  });
  return (rows) =>
    rows.map((row) => {
      const item: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) {
        const { key, decode } = fields[i]!;
        const value = row[i];
        item[key] = value === null || value === undefined ? null : decode(value);
      }
      return item;
    });
}

/**
 * A select that drizzle builds once per shape and then runs in any tenant transaction with new
 * values. drizzle otherwise rebuilds the SQL text on every call: ~150 µs for lead.list's page +
 * owner join, a fifth of the procedure's CPU (`pnpm bench --cpu-prof`). It is what drizzle's own
 * `.prepare()` does, except that a prepared query is tied to one connection and a tenant
 * transaction gets a different one each time.
 *
 * `build` receives only the shape (which filters, which order: everything that changes the SQL
 * text) and puts `sql.placeholder(name)` where values go; `run` fills them from `values`. The
 * shape is the cache key (JSON), so build must not read anything else. A missing value throws.
 * Rows come back exactly as the builder's own `await` would return them.
 */
export function compiledSelect<TShape, TBuilder extends SelectBuilder>(
  build: (tx: TenantDb, shape: TShape) => TBuilder,
  options: { maxShapes?: number } = {},
) {
  const maxShapes = options.maxShapes ?? 1024;
  const cache = new Map<
    string,
    { query: Query; mapRows: (rows: unknown[][]) => Record<string, unknown>[] }
  >();
  return (
    tx: TenantDb,
    shape: TShape,
    values: Record<string, unknown>,
  ): Promise<TBuilder["_"]["result"]> => {
    const key = JSON.stringify(shape);
    let compiled = cache.get(key);
    if (compiled) {
      // Least recently used first in the map's order: a hit moves to the end.
      cache.delete(key);
    } else {
      const builder = build(tx, shape);
      compiled = { query: builder.toSQL(), mapRows: rowMapper(builder._.selectedFields) };
      // Shapes in use are few (filters × orders); the bound keeps a client cycling through
      // every combination from growing the map, evicting the least recently used.
      const oldest = cache.size >= maxShapes ? cache.keys().next() : null;
      if (oldest && !oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, compiled);
    const { mapRows } = compiled;
    return tx._.session
      .prepareQuery<{ execute: TBuilder["_"]["result"]; all: unknown; values: unknown }>(
        compiled.query,
        undefined,
        undefined,
        true,
        // The rows as the builder's own `await` returns them (compiled.test.ts compares).
        (rows) => mapRows(rows) as TBuilder["_"]["result"],
      )
      .execute(values);
  };
}
