// Request counters for the API's rate limits (packages/api/src/rate-limit.ts), in PostgreSQL so
// every server process shares them (better-auth keeps its own in rate_limit):
// - api_rate_limit, per organization: a tenant table keyed by what is limited, counted inside the
//   tenant transaction and confined by RLS;
// - user_rate_limit, per signed-in user, for what a user does outside any organization (creating
//   one) and across organizations: global, like the user table it hangs off (migration 0006 lets
//   guild_tenant touch the current user's rows only).
import { integer, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { globalTable, tenantTable } from "./helpers.ts";

export const apiRateLimit = tenantTable(
  "api_rate_limit",
  {
    /** What is limited and for whom, e.g. `invitation.send:<member id>`. */
    key: text().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    count: integer().notNull().default(0),
  },
  (t) => [unique("api_rate_limit_organization_id_key_key").on(t.organizationId, t.key)],
);

export const userRateLimit = globalTable(
  "user_rate_limit",
  {
    userId: uuid()
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** What is limited, e.g. `organization.create`. */
    key: text().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
