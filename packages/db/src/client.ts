import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;

export interface CreateDbOptions {
  /** Pool size (postgres.js default is 10). */
  max?: number;
}

/** One pool and its drizzle instance. Close with `await sql.end()`. */
export function createDb(url: string, options: CreateDbOptions = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: true,
    onnotice: () => {},
  });
  const db = drizzle({ client: sql, schema, casing: "snake_case" });
  return { db, sql };
}

export type Database = ReturnType<typeof createDb>["db"];
export type Sql = ReturnType<typeof createDb>["sql"];
