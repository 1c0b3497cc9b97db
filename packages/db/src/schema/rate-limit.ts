// Request counters for the API's rate limits (packages/api/src/rate-limit.ts), in PostgreSQL so
// every server process shares them (better-auth keeps its own in rate_limit):
// - api_rate_limit, per organization: a tenant table like any other, counted inside the tenant
//   transaction and confined by RLS;
// - user_rate_limit, per signed-in user, for what a user does outside any organization (creating
//   one): global, like the user table it hangs off.
import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { organization } from "./organization.ts";

export const apiRateLimit = pgTable(
  "api_rate_limit",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    /** What is limited and for whom, e.g. `invitation.send:<member id>`. */
    key: text().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.key] })],
);

export const userRateLimit = pgTable(
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
