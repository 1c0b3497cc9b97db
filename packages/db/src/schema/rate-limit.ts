// Per-organization request counters for the API's rate limits (packages/api/src/rate-limit.ts).
// A tenant table like any other: counted inside the tenant transaction, confined by RLS, and in
// PostgreSQL so every server process shares them. (better-auth keeps its own in rate_limit.)
import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organization } from "./organization";

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
