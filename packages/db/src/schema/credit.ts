// Credits (issue 10 §1): a ledger per member per organization. The model, in three tables:
//
// - credit_entry: the ledger itself, append-only. Every change of a balance is one entry with a
//   signed amount, a description, an idempotency key unique per (organization, member), its
//   sequence number in that member's ledger and the balance after it (the running balance the
//   history shows, exact because entries of one member are written one at a time, see below).
// - credit_lot: what is left of each grant (sign-up bonus, monthly grant, purchase, admin bonus).
//   A spend takes from the lots with credits left, soonest-expiring first (never-expiring last,
//   then oldest first); expiry takes only what is left of its lot, and so does a purchase's
//   refund. The sum of the lots' `remaining` is the balance.
// - credit_account: one row per member with credits: the balance and the last sequence number.
//   Every write to a member's credits locks this row first (SELECT … FOR UPDATE, or the UPDATE
//   itself), so concurrent spends queue on it instead of both reading the same balance. CHECKs
//   keep balance, remaining and balance_after at zero or above even if the code were wrong: a
//   write that would go negative fails instead of committing.
//
// The ledger's writes are SQL functions (migrations 0028 and 0032), each one round trip holding
// the account lock: guild_credit_grant (the services' grants and the sign-up bonus trigger on
// member), guild_credit_spend and guild_credit_expire_due; services/credit.ts calls them and
// writes the rare purchase refund itself.
import { sql } from "drizzle-orm";
import { check, index, integer, text, unique, uuid } from "drizzle-orm/pg-core";
import { creditEntryKinds, creditGrantKinds } from "../enums/credit.ts";
import { user } from "./auth.ts";
import {
  globalTable,
  instant,
  memberRef,
  tenantRef,
  tenantTable,
  textEnum,
  updatedAt,
} from "./helpers.ts";
import { member } from "./organization.ts";

export const creditAccount = tenantTable(
  "credit_account",
  {
    memberId: uuid().notNull(),
    balance: integer().notNull().default(0),
    /** The seq of the member's last entry: the next one gets lastSeq + 1. */
    lastSeq: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("credit_account_org_member_unique").on(t.organizationId, t.memberId),
    // Leaving the organization takes the member's credits with them (as a ledger per membership).
    tenantRef(t, t.memberId, () => member, {
      onDelete: "cascade",
      name: "credit_account_member_fk",
    }),
    check("credit_account_balance_check", sql`${t.balance} >= 0`),
  ],
);

export const creditLot = tenantTable(
  "credit_lot",
  {
    memberId: uuid().notNull(),
    kind: textEnum(creditGrantKinds).notNull(),
    amount: integer().notNull(),
    remaining: integer().notNull(),
    /** Null: never expires (purchases, bonuses). */
    expiresAt: instant(),
    /** When the expiry took what was left (exactly once: the expiry sets it under the lock). */
    expiredAt: instant(),
    /** When a refund of the purchase took back what was left. */
    refundedAt: instant(),
  },
  (t) => [
    tenantRef(t, t.memberId, () => member, { onDelete: "cascade", name: "credit_lot_member_fk" }),
    check("credit_lot_amount_check", sql`${t.amount} > 0`),
    check("credit_lot_remaining_check", sql`${t.remaining} between 0 and ${t.amount}`),
    // A spend's walk: the member's lots with credits left, in the order they are spent.
    index("credit_lot_org_member_spend_idx")
      .on(t.organizationId, t.memberId, t.expiresAt, t.createdAt, t.id)
      .where(sql`${t.remaining} > 0`),
  ],
);

export const creditEntry = tenantTable(
  "credit_entry",
  {
    memberId: uuid().notNull(),
    /** 1, 2, 3… per member: the history's order and keyset cursor. */
    seq: integer().notNull(),
    kind: textEnum(creditEntryKinds).notNull(),
    /** Signed: grants add, spends, expiries and refunds take away. */
    amount: integer().notNull(),
    /** The running balance. */
    balanceAfter: integer().notNull(),
    description: text().notNull(),
    /**
     * Unique per member: a retried spend, a redelivered purchase, a second run of a monthly grant
     * finds the entry already there and changes nothing. Prefixed by kind (spend:…, purchase:…).
     */
    idempotencyKey: text().notNull(),
    /** The lot a grant created, or the lot an expiry or refund took from. */
    lotId: uuid(),
    /** A grant's expiry (a copy of its lot's, for the history). */
    expiresAt: instant(),
    /** What it is about outside the ledger: an order id for purchases and refunds, what a spend paid for. */
    reference: text(),
    /** Who granted it by hand (admin bonus); null for the system and once they left. */
    actorMemberId: uuid(),
  },
  (t) => [
    unique("credit_entry_org_member_key_unique").on(t.organizationId, t.memberId, t.idempotencyKey),
    // Also the history's index: a member's entries, newest first (a backward scan).
    unique("credit_entry_org_member_seq_unique").on(t.organizationId, t.memberId, t.seq),
    tenantRef(t, t.memberId, () => member, { onDelete: "cascade", name: "credit_entry_member_fk" }),
    tenantRef(t, t.lotId, () => creditLot, { onDelete: "cascade", name: "credit_entry_lot_fk" }),
    memberRef(t, t.actorMemberId, "credit_entry_actor_member_fk"),
    // A lot's grant (its description, for the expiry's), and a refund's purchase.
    index("credit_entry_org_lot_idx")
      .on(t.organizationId, t.lotId)
      .where(sql`${t.lotId} is not null`),
    check("credit_entry_balance_after_check", sql`${t.balanceAfter} >= 0`),
    // Grants add something; spends and expiries take something; a refund may take nothing
    // (everything was already spent), and says so.
    check(
      "credit_entry_amount_sign_check",
      sql`case when ${t.kind} in ('spend', 'expiry') then ${t.amount} < 0
               when ${t.kind} = 'refund' then ${t.amount} <= 0
               else ${t.amount} > 0 end`,
    ),
  ],
);

/**
 * Who has had their sign-up bonus: one row per person, claimed by the trigger on member in the
 * transaction that creates their first membership (whichever path creates it), so a second
 * organization's membership finds the claim and grants nothing.
 */
export const creditSignupBonus = globalTable("credit_signup_bonus", {
  userId: uuid()
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  grantedAt: instant().notNull().defaultNow(),
});
