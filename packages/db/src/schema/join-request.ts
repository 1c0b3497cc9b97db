// Join requests (issue 11 §2): with the "approval" join policy, a person who asks to join from
// the organization's public page waits here until an admin approves (a membership) or denies it.
// Answered requests stay as history; at most one is pending per person and organization, so a
// double click or two tabs ask once.
import { sql } from "drizzle-orm";
import { index, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { joinRequestStatuses } from "../enums/organization.ts";
import { user } from "./auth.ts";
import { instant, memberRef, tenantTable, textEnum } from "./helpers.ts";

export const joinRequest = tenantTable(
  "join_request",
  {
    /** Who asks: not a member yet, so a person, not a member row. */
    userId: uuid()
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    // The person's name and address as they asked: until approved they are no member, and the
    // tenant role reads only members' people (migration 0002), so the queue keeps its own copy.
    name: text().notNull(),
    email: text().notNull(),
    status: textEnum(joinRequestStatuses).notNull().default("pending"),
    /** The admin who answered; null while pending, or once they have left. */
    decidedByMemberId: uuid(),
    decidedAt: instant(),
  },
  (t) => [
    memberRef(t, t.decidedByMemberId, "join_request_decided_by_member_fk"),
    uniqueIndex("join_request_one_pending_per_user")
      .on(t.organizationId, t.userId)
      .where(sql`${t.status} = 'pending'`),
    // The admins' queue: pending ones, oldest first.
    index("join_request_org_status_idx").on(t.organizationId, t.status, t.createdAt, t.id),
  ],
);
