// Request counters for the API's rate limits (packages/api/src/rate-limit.ts), in PostgreSQL so
// every server process shares them (better-auth keeps its own in rate_limit):
// - api_rate_limit, per organization: a tenant table keyed by what is limited, counted inside the
//   tenant transaction and confined by RLS;
// - user_rate_limit, per signed-in user, for what a user does outside any organization (creating
//   one) and across organizations: global, like the user table it hangs off (migration 0006 lets
//   guild_tenant touch the current user's rows only);
// - address_rate_limit, per email address, for what anyone can aim at an address without being
//   signed in: sign-in attempts against its account, mails sent to it.
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

export const addressRateLimit = globalTable(
  "address_rate_limit",
  {
    /** What is limited, e.g. `sign-in` or `mail`. */
    key: text().notNull(),
    /**
     * SHA-256 (hex) of the lower-cased address: attackers type in addresses of people who never
     * signed up, which this table should not collect in clear.
     */
    addressHash: text().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.addressHash] })],
);
