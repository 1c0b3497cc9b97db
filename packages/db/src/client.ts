import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;

export interface CreateDbOptions {
  /** Pool size (postgres.js default is 10). */
  max?: number;
}

type Client = ReturnType<typeof postgres>;

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

/** One pool and its drizzle instance. Close with `await sql.end()`. */
export function createDb(url: string, options: CreateDbOptions = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: true,
    onnotice: () => {},
  });
  const db = drizzle({ client: preparing(sql), schema, casing: "snake_case" });
  return { db, sql };
}

export type Database = ReturnType<typeof createDb>["db"];
export type Sql = ReturnType<typeof createDb>["sql"];
