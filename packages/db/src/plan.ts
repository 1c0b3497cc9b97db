import { sql } from "drizzle-orm";
import type { TenantDb } from "./tenant.ts";

const GENERIC = sql.raw("set local plan_cache_mode = force_generic_plan");
const DEFAULT = sql.raw("set local plan_cache_mode to default");
const ignore = () => {};

/**
 * Runs the statement `run` issues with a generic plan: PostgreSQL plans its prepared statement
 * once per connection instead of on every call. For hot list queries whose generic plan is known
 * good (lead-plan.test.ts checks both kinds of plan for every lead list shape): planning each call
 * cost more CPU than running the query. Every other statement keeps PostgreSQL's default choice.
 *
 * `run` must issue its one statement at once (no await before it): the setting then leaves in the
 * statement's write, and the reset in the next one (postgres.js sends what is queued in a tick as
 * one write: the COMMIT's, for a list), so this costs no round trip. A failure of either setting
 * fails the transaction (tenant.ts remembers it), so it cannot pass unnoticed.
 */
export async function withGenericPlan<T>(db: TenantDb, run: () => Promise<T>): Promise<T> {
  db.execute(GENERIC).then(ignore, ignore);
  try {
    return await run();
  } finally {
    db.execute(DEFAULT).then(ignore, ignore);
  }
}
