// Table helpers every domain uses. Each declares its table's category where the table is
// declared, and that one registry is read by the SQL that secures tables (migrate.ts →
// guild_secure_tables) and by the catalog audit (tenancy-audit.ts): a table in `public` that no
// helper declared fails both.
import { type BuildExtraConfigColumns, getTableName, type SQL, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  foreignKey,
  type PgColumn,
  type PgColumnBuilderBase,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * - tenant: carries organization_id; row-level security confines it to the tenant transaction's
 *   organization.
 * - member-owned: a tenant table whose rows belong to one member (member_id): the organization
 *   policy plus "only that member's rows" (app.member_id), except for the system actor (jobs).
 * - pre-tenant: carries organization_id but is read before a tenant scope exists (member,
 *   invitation): RLS for guild_tenant only, not forced.
 * - global: no organization_id on purpose (people, sessions, the tenants themselves, platform
 *   catalogs, logs of the outside world's calls).
 */
export type TableCategory = "tenant" | "member-owned" | "pre-tenant" | "global";

const categories = new Map<string, TableCategory>();

/** Every table a helper declared, by name (the schema's modules must have been imported). */
export function tableCategories(): ReadonlyMap<string, TableCategory> {
  return categories;
}

function declare(name: string, category: TableCategory) {
  const known = categories.get(name);
  if (known && known !== category)
    throw new Error(`table ${name} is declared both ${known} and ${category}`);
  categories.set(name, category);
}

const spaceScoped = new Map<string, string>();

/**
 * Tables whose rows belong to a space, by name → the column holding the space's id (`id` for
 * space itself). Besides their category's policy, each gets the restrictive `space_visibility`
 * policy (guild_secure_space_tables, migration 0040): a row whose space the member cannot see
 * does not exist for them, even for a query that forgets to filter. Declared by spaceScopedTable
 * (schema/space.ts); read by migrate() and the catalog audit.
 */
export function spaceScopedTables(): ReadonlyMap<string, string> {
  return spaceScoped;
}

export function declareSpaceScoped(name: string, column: string) {
  const known = spaceScoped.get(name);
  if (known && known !== column)
    throw new Error(`table ${name} is declared space-scoped by both ${known} and ${column}`);
  spaceScoped.set(name, column);
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * CHECK constraints for the table's textEnum() columns: `<table>_<column>_check`. Text and a
 * CHECK instead of a PostgreSQL enum, because under row-level security only LEAKPROOF operators
 * become index conditions: text equality is, enum equality is not.
 */
function enumChecks(tableName: string, columns: Record<string, unknown>) {
  const checks: PgTableExtraConfigValue[] = [];
  for (const [key, column] of Object.entries(columns)) {
    // In the extra-config callback columns are ExtraConfigColumns: the enum is in their config.
    const c = column as PgColumn & { config?: { enumValues?: string[] } };
    const values = c.enumValues ?? c.config?.enumValues;
    if (c.columnType !== "PgText" || !values?.length) continue;
    const list = sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));
    checks.push(check(`${tableName}_${snake(key)}_check`, sql`${c} in (${list})`));
  }
  return checks;
}

/** A text column limited to `values` by a CHECK the table helpers add (see enumChecks). */
export function textEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return text({ enum: values as unknown as [T[number], ...T[number][]] });
}

/** Millisecond precision: keyset cursors travel through JS Dates, which hold milliseconds. */
export const instant = () => timestamp({ withTimezone: true, precision: 3 });

/** createdAt, set by PostgreSQL. */
export const createdAt = () => instant().notNull().defaultNow();

/** updatedAt, set on every update drizzle makes. */
export const updatedAt = () =>
  instant()
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

type ExtraConfig<TName extends string, TColumns extends Record<string, PgColumnBuilderBase>> = (
  self: BuildExtraConfigColumns<TName, TColumns, "pg">,
) => PgTableExtraConfigValue[];

/** A table of the given category, with CHECKs for its textEnum() columns. */
function categorized<TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(
  category: TableCategory,
  name: TName,
  columns: TColumns,
  extraConfig?: ExtraConfig<TName, TColumns>,
  keyConfig?: ExtraConfig<TName, TColumns>,
) {
  declare(name, category);
  return pgTable(name, columns, (t) => [
    ...(keyConfig?.(t) ?? []),
    ...enumChecks(name, t),
    ...(extraConfig?.(t) ?? []),
  ]);
}

/** A global table (see TableCategory): no organization_id, no row-level security. */
export function globalTable<
  TName extends string,
  TColumns extends Record<string, PgColumnBuilderBase>,
>(name: TName, columns: TColumns, extraConfig?: ExtraConfig<TName, TColumns>) {
  return categorized("global", name, columns, extraConfig);
}

/** member or invitation (see TableCategory). */
export function preTenantTable<
  TName extends string,
  TColumns extends Record<string, PgColumnBuilderBase>,
>(name: TName, columns: TColumns, extraConfig?: ExtraConfig<TName, TColumns>) {
  return categorized("pre-tenant", name, columns, extraConfig);
}

interface TenantKeyed {
  organizationId: AnyPgColumn;
  id: AnyPgColumn;
}

// organization and member, registered by organization.ts: it imports this module, so importing it
// from here would make the two depend on their evaluation order. Only read lazily (foreign keys
// are resolved after every module has loaded).
let tenancyTables: { organization: { id: AnyPgColumn }; member: TenantKeyed } | null = null;
export function registerTenancyTables(tables: NonNullable<typeof tenancyTables>) {
  tenancyTables = tables;
}
function tenancy() {
  if (!tenancyTables) throw new Error("schema/organization.ts was not loaded");
  return tenancyTables;
}

const organizationId = () =>
  uuid()
    .notNull()
    .references(() => tenancy().organization.id, { onDelete: "cascade" });

/** The columns every tenant table starts with. */
const tenantKey = () => ({
  organizationId: organizationId(),
  id: uuid().notNull().defaultRandom(),
  createdAt: createdAt(),
});
type TenantKey = ReturnType<typeof tenantKey>;

/**
 * A tenant table: organization_id (deleting the organization deletes its rows), id, createdAt
 * and the given columns, primary key (organization_id, id). Every unique constraint and foreign
 * key to another tenant table must include organization_id too (tenantRef, and
 * `unique().on(t.organizationId, ...)`): the catalog audit fails otherwise.
 */
export function tenantTable<
  TName extends string,
  TColumns extends Record<string, PgColumnBuilderBase>,
>(name: TName, columns: TColumns, extraConfig?: ExtraConfig<TName, TenantKey & TColumns>) {
  return categorized("tenant", name, { ...tenantKey(), ...columns }, extraConfig, (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
  ]);
}

/**
 * A tenant table whose rows are identified by their own columns instead of a generated id: the
 * primary key is (organization_id, ...key). For index-like tables with many narrow rows (the
 * search terms), where an id, a createdAt and a third index per row would cost more than the row.
 * Same category, policy and audit as tenantTable: organization_id first in the primary key is all
 * the audit asks, and this helper puts it there itself.
 */
export function keyedTenantTable<
  TName extends string,
  TColumns extends Record<string, PgColumnBuilderBase>,
>(
  name: TName,
  columns: TColumns,
  key: (self: BuildExtraConfigColumns<TName, OrganizationKey & TColumns, "pg">) => AnyPgColumn[],
  extraConfig?: ExtraConfig<TName, OrganizationKey & TColumns>,
) {
  return categorized(
    "tenant",
    name,
    { organizationId: organizationId(), ...columns },
    extraConfig,
    (t) => [primaryKey({ name: `${name}_pk`, columns: [t.organizationId, ...key(t)] })],
  );
}
type OrganizationKey = { organizationId: ReturnType<typeof organizationId> };

/**
 * A member-owned table: a tenant table whose rows each belong to one member (memberId). Row-level
 * security shows a member only their own rows; the system actor (jobs fanning out notifications)
 * sees the organization's. Leaving the organization deletes them.
 */
export function memberOwnedTable<
  TName extends string,
  TColumns extends Record<string, PgColumnBuilderBase>,
>(
  name: TName,
  columns: TColumns,
  extraConfig?: ExtraConfig<TName, TenantKey & { memberId: ReturnType<typeof uuid> } & TColumns>,
) {
  return categorized(
    "member-owned",
    name,
    { ...tenantKey(), memberId: uuid().notNull(), ...columns },
    extraConfig,
    (t) => [
      primaryKey({ columns: [t.organizationId, t.id] }),
      foreignKey({
        name: `${name}_member_fk`,
        columns: [t.organizationId, t.memberId],
        foreignColumns: [tenancy().member.organizationId, tenancy().member.id],
      }).onDelete("cascade"),
    ],
  );
}

/**
 * A foreign key from a tenant table to another tenant table (or to member): the pair
 * (organization_id, column) → (organization_id, id), so a row can never point into another
 * organization. `onDelete: "set null"` clears only `column`, never organization_id (PostgreSQL's
 * `SET NULL (column)`, which guild_secure_tables writes since drizzle-kit cannot).
 */
export function tenantRef(
  self: { organizationId: AnyPgColumn },
  column: AnyPgColumn,
  target: () => TenantKeyed,
  options: { onDelete: "cascade" | "set null" | "restrict"; name?: string },
) {
  const fk = foreignKey({
    ...(options.name ? { name: options.name } : {}),
    columns: [self.organizationId, column],
    foreignColumns: [target().organizationId, target().id],
  });
  return fk.onDelete(options.onDelete);
}

/**
 * The author (or owner) of content, as a member. When the member leaves, the content stays and
 * the reference becomes null: the UI shows "Former member". Declared once here, so no column
 * needs a hand-written migration.
 */
export function memberRef(
  self: { organizationId: AnyPgColumn },
  column: AnyPgColumn,
  name?: string,
) {
  return tenantRef(self, column, () => tenancy().member, {
    onDelete: "set null",
    ...(name ? { name } : {}),
  });
}

/**
 * Soft delete: `deletedAt` set instead of deleting, so the web's Undo can restore the row within
 * SOFT_DELETE_RETENTION_DAYS; a cron job purges older ones. Lists, counts and search must filter
 * with `live(table)`, and unique indexes must be partial on live rows (`.where(live(t))`).
 */
export const softDelete = () => ({ deletedAt: instant() });

/** How long a soft-deleted row can be restored before the purge job deletes it. */
export const SOFT_DELETE_RETENTION_DAYS = 30;

/** The live (not soft-deleted) rows of a table. */
export function live(table: { deletedAt: AnyPgColumn }): SQL {
  return sql`${table.deletedAt} is null`;
}

/** The table name of a drizzle table (for registries and messages). */
export const nameOf = getTableName;
