import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;

export interface CreateDbOptions {
  /** Pool size (postgres.js default is 10). */
  max?: number;
  /** The longest a statement may run before PostgreSQL cancels it (default 30 s). */
  statementTimeoutMs?: number;
  /** The longest a transaction may sit idle before PostgreSQL ends its session (default 60 s). */
  idleInTransactionTimeoutMs?: number;
  /** More settings sent when each connection starts (e.g. auto_explain's, for plan tests). */
  connection?: Record<string, string>;
  /** Where NOTICE messages go (dropped by default). */
  onNotice?: (message: string) => void;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

type Client = ReturnType<typeof postgres>;

/** How drizzle names columns: createDb's, and the tenant transactions' (tenant.ts). */
export const CASING = "snake_case";

/**
 * drizzle's postgres-js driver sends every statement unnamed (prepare: name !== undefined), so
 * PostgreSQL parses and plans it on every call and postgres.js adds a Describe round trip for
 * its parameter types. Named prepared statements skip both after the first execution.
 */
function preparing(client: Client): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe")
        return (query: string, parameters?: never[], options?: object) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
      if (prop === "begin")
        return (...args: unknown[]) => {
          const fn = args[args.length - 1] as (tx: Client) => unknown;
          const wrapped = (tx: unknown) => fn(preparing(tx as Client));
          return args.length > 1 ? target.begin(args[0] as string, wrapped) : target.begin(wrapped);
        };
      return Reflect.get(target, prop, receiver);
    },
  });
}

/**
 * One pool and its drizzle instance. Close with `await sql.end()`.
 *
 * Its connections carry time limits, sent as startup parameters so they hold for the whole
 * session: a runaway query (or one stuck behind a lock) is cancelled with SQLSTATE 57014 instead
 * of holding a request, a connection and its locks forever, and a transaction left idle by a
 * bug is ended. They hold after the tenant transaction's switch to guild_tenant too: SET ROLE
 * keeps the session's settings, and `ALTER ROLE guild_tenant SET …` would never apply.
 */
export function createDb(url: string, options: CreateDbOptions = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: true,
    onnotice: (notice) => options.onNotice?.(String(notice.message)),
    connection: {
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout:
        options.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      ...options.connection,
    },
  });
  const db = drizzle({ client: preparing(sql), schema, casing: CASING });
  return { db, sql };
}

export type Database = ReturnType<typeof createDb>["db"];
export type Sql = ReturnType<typeof createDb>["sql"];
