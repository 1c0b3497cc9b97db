// Credits: the ledger per member per organization (schema/credit.ts explains the model: entries,
// lots, and the account row every write locks first). Grants, spends and expiries are SQL
// functions (migrations 0028 and 0032), one statement each, so the lock is held for as short as
// can be; the rare purchase refund is written here under the same lock. Concurrent calls queue
// on the lock instead of both reading the same balance, and the CHECKs make a write that would go
// below zero fail.
//
// Only the reads and the admin bonus are procedures. Spending, monthly grants, purchases and
// their refunds are called by what causes them (a feature that costs credits, the billing job,
// the payment webhooks), each with an idempotency key, so a retry changes nothing.
import {
  and,
  type CreditEntryKind,
  type CreditGrantKind,
  creditAccount,
  creditEntry,
  creditLot,
  desc,
  eq,
  gt,
  hasRole,
  isNotNull,
  lt,
  member,
  type SQL,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import type { adminGrantInput, creditBalanceInput, creditHistoryInput } from "../schemas/credit.ts";
import { recordActivity } from "./activity.ts";

declare module "@guild/db/scope" {
  interface JobPayloads {
    /** At a lot's expiry: takes what is left of it (jobs/credit.ts). */
    "credit.expire": { lotId: string };
  }
}

/** A ledger entry as the history and the service functions return it. */
const entryColumns = {
  id: creditEntry.id,
  memberId: creditEntry.memberId,
  seq: creditEntry.seq,
  kind: creditEntry.kind,
  amount: creditEntry.amount,
  balanceAfter: creditEntry.balanceAfter,
  description: creditEntry.description,
  expiresAt: creditEntry.expiresAt,
  reference: creditEntry.reference,
  createdAt: creditEntry.createdAt,
};
export type CreditEntry = {
  id: string;
  memberId: string;
  seq: number;
  kind: CreditEntryKind;
  amount: number;
  balanceAfter: number;
  description: string;
  expiresAt: Date | null;
  reference: string | null;
  createdAt: Date;
};

/** Refused spend: the caller shows it as "not enough credits" (reason INSUFFICIENT_CREDITS). */
export function notEnoughCredits(needed: number, available: number) {
  return new AppError(
    "CONFLICT",
    `Not enough credits: this needs ${needed} and ${available} ${available === 1 ? "is" : "are"} left`,
    { reason: "INSUFFICIENT_CREDITS" },
  );
}

function assertAmount(amount: number) {
  if (!Number.isSafeInteger(amount) || amount < 1)
    throw new AppError("BAD_REQUEST", "Credits are whole numbers above zero", { field: "amount" });
}

const ofMember = (scope: TenantScope, memberId: string) =>
  and(eq(creditAccount.organizationId, scope.organizationId), eq(creditAccount.memberId, memberId));

/**
 * Locks the member's account row (the lock every write of their credits takes first) and
 * returns their balance, or null when they never had credits.
 */
async function lockAccount(scope: TenantScope, memberId: string) {
  const [account] = await scope.db
    .select({ balance: creditAccount.balance })
    .from(creditAccount)
    .where(ofMember(scope, memberId))
    .for("update");
  return account ?? null;
}

/** A member's entries, in the scope's organization, matching `where`. */
function memberEntries(scope: TenantScope, memberId: string, where?: SQL) {
  return scope.db
    .select(entryColumns)
    .from(creditEntry)
    .where(
      and(
        eq(creditEntry.organizationId, scope.organizationId),
        eq(creditEntry.memberId, memberId),
        where,
      ),
    );
}

async function entryByKey(
  scope: TenantScope,
  memberId: string,
  key: string,
): Promise<CreditEntry | null> {
  const [entry] = await memberEntries(scope, memberId, eq(creditEntry.idempotencyKey, key));
  return entry ?? null;
}

/**
 * Writes an entry that takes credits away (or nothing, for a refund of what was all spent):
 * the account's balance and seq move in the same statement as the entry is written. The lots
 * were already changed by the caller, under the account lock it holds.
 */
async function appendEntry(
  scope: TenantScope,
  memberId: string,
  entry: {
    kind: Exclude<CreditEntryKind, CreditGrantKind>;
    amount: number;
    description: string;
    key: string;
    lotId?: string;
    reference?: string | null;
  },
): Promise<CreditEntry> {
  const [account] = await scope.db
    .update(creditAccount)
    .set({
      balance: sql`${creditAccount.balance} + ${entry.amount}`,
      lastSeq: sql`${creditAccount.lastSeq} + 1`,
      updatedAt: scope.now(),
    })
    .where(ofMember(scope, memberId))
    .returning({ balance: creditAccount.balance, seq: creditAccount.lastSeq });
  if (!account) throw new Error("credit account vanished under its lock");
  const [written] = await scope.db
    .insert(creditEntry)
    .values({
      organizationId: scope.organizationId,
      memberId,
      seq: account.seq,
      kind: entry.kind,
      amount: entry.amount,
      balanceAfter: account.balance,
      description: entry.description,
      idempotencyKey: entry.key,
      lotId: entry.lotId ?? null,
      reference: entry.reference ?? null,
      createdAt: scope.now(),
    })
    .returning(entryColumns);
  if (!written) throw new Error("credit entry insert returned nothing");
  return written;
}

/**
 * Takes what is left of the member's lots whose expiry has come (guild_credit_expire_due,
 * migration 0032: one expiry entry per lot, once) and returns the balance after. The caller holds
 * the account lock.
 */
async function expireDueLots(scope: TenantScope, memberId: string) {
  const [row] = await scope.db.execute<{ balance: number }>(sql`
    select guild_credit_expire_due(${scope.organizationId}::uuid, ${memberId}::uuid,
      ${scope.now().toISOString()}::timestamptz) as balance`);
  if (!row) throw new Error("guild_credit_expire_due returned nothing");
  return row.balance;
}

interface Grant {
  memberId: string;
  kind: CreditGrantKind;
  amount: number;
  description: string;
  /** Unique per member and kind of event (purchase:<order>, monthly:<period>). */
  key: string;
  expiresAt?: Date | null;
  reference?: string | null;
  actorMemberId?: string | null;
}

/**
 * Adds a grant through guild_credit_grant (see migration 0028), and schedules its expiry. A key
 * the member's ledger already has returns that entry and changes nothing (`created: false`).
 */
async function grantCredits(scope: TenantScope, grant: Grant) {
  assertAmount(grant.amount);
  const [row] = await scope.db.execute<{
    entry_id: string;
    lot_id: string;
    created: boolean;
  }>(sql`select entry_id, lot_id, created from guild_credit_grant(
    ${scope.organizationId}::uuid, ${grant.memberId}::uuid, ${grant.kind}, ${grant.amount}::int,
    ${grant.description}, ${grant.key}, ${grant.expiresAt?.toISOString() ?? null}::timestamptz,
    ${grant.reference ?? null}::text, ${grant.actorMemberId ?? null}::uuid,
    ${scope.now().toISOString()}::timestamptz)`);
  if (!row) throw new Error("guild_credit_grant returned nothing");
  if (row.created && grant.expiresAt)
    await scope.enqueue(
      "credit.expire",
      { lotId: row.lot_id },
      { runAt: grant.expiresAt, jobKey: row.lot_id },
    );
  const entry = await entryByKey(scope, grant.memberId, grant.key);
  if (!entry) throw new Error("granted entry not found");
  return { entry, created: row.created };
}

/**
 * The plan's monthly grant to one member, expiring at the period's end; once per period (by its
 * start). For the billing job.
 */
export function grantMonthlyCredits(
  scope: TenantScope,
  input: {
    memberId: string;
    amount: number;
    periodStart: Date;
    periodEnd: Date;
    description?: string;
  },
) {
  if (input.periodEnd.getTime() <= scope.now().getTime())
    throw new AppError("BAD_REQUEST", "A monthly grant must expire after now");
  return grantCredits(scope, {
    memberId: input.memberId,
    kind: "monthly_grant",
    amount: input.amount,
    description:
      input.description ??
      `Monthly credits for the period from ${input.periodStart.toISOString().slice(0, 10)}`,
    key: `monthly:${input.periodStart.toISOString()}`,
    expiresAt: input.periodEnd,
  });
}

/** A purchased pack, once per order (a redelivered webhook grants nothing more). Never expires. */
export function grantPurchasedCredits(
  scope: TenantScope,
  input: { memberId: string; amount: number; orderId: string; description?: string },
) {
  return grantCredits(scope, {
    memberId: input.memberId,
    kind: "purchase",
    amount: input.amount,
    description: input.description ?? `Purchased ${input.amount} credits`,
    key: `purchase:${input.orderId}`,
    reference: input.orderId,
  });
}

/** Whether the member is in the scope's organization. */
async function memberExists(scope: TenantScope, memberId: string) {
  const [found] = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, memberId)));
  return Boolean(found);
}

/** credit.adminGrant: an admin's bonus to a member, with its reason, in the activity log. */
export async function adminGrantCredits(
  scope: TenantScope,
  input: z.output<typeof adminGrantInput>,
): Promise<CreditEntry> {
  if (scope.actor.kind !== "member") throw new Error("an admin bonus is granted by a member");
  if (!(await memberExists(scope, input.memberId))) throw notFound("Member");
  const { entry, created } = await grantCredits(scope, {
    memberId: input.memberId,
    kind: "admin_bonus",
    amount: input.amount,
    description: input.description,
    key: `admin:${input.idempotencyKey}`,
    actorMemberId: scope.actor.memberId,
  });
  if (entry.kind !== "admin_bonus" || entry.amount !== input.amount)
    throw new AppError("CONFLICT", "This request was already used for another grant");
  if (created)
    await recordActivity(scope, {
      action: "credit.granted",
      target: { type: "member", id: input.memberId },
      changes: {
        credits: { from: null, to: input.amount },
        description: { from: null, to: input.description },
      },
    });
  return entry;
}

/**
 * Spends credits: the earliest-expiring first (never-expiring last, then oldest first). The
 * key makes it once: a retry (even concurrent: the second waits on the lock, then finds the
 * first's entry) returns the first's entry and charges nothing. Too few credits: CONFLICT with
 * reason INSUFFICIENT_CREDITS, and nothing is written.
 */
export async function spendCredits(
  scope: TenantScope,
  input: {
    memberId: string;
    amount: number;
    idempotencyKey: string;
    description: string;
    /** What it paid for (a generated post's id…). */
    reference?: string | null;
  },
): Promise<CreditEntry> {
  assertAmount(input.amount);
  // One statement (guild_credit_spend, migration 0032): the account lock is held for its run and
  // the commit only.
  const [row] = await scope.db.execute<{
    o_outcome: "spent" | "replayed" | "key_conflict" | "insufficient";
    o_available: number;
    o_id: string | null;
    o_seq: number | null;
    o_amount: number | null;
    o_balance_after: number | null;
    o_description: string | null;
    o_reference: string | null;
    o_created_at: string | null;
  }>(sql`select * from guild_credit_spend(${scope.organizationId}::uuid,
    ${input.memberId}::uuid, ${input.amount}::int, ${spendEntryKey(input.idempotencyKey)},
    ${input.description}, ${input.reference ?? null}::text, ${scope.now().toISOString()}::timestamptz)`);
  if (!row) throw new Error("guild_credit_spend returned nothing");
  if (row.o_outcome === "insufficient") throw notEnoughCredits(input.amount, row.o_available);
  if (row.o_outcome === "key_conflict")
    throw new AppError("CONFLICT", "This idempotency key was used for another spend");
  if (
    row.o_id === null ||
    row.o_seq === null ||
    row.o_amount === null ||
    row.o_balance_after === null ||
    row.o_description === null ||
    row.o_created_at === null
  )
    throw new Error("guild_credit_spend returned an incomplete entry");
  return {
    id: row.o_id,
    memberId: input.memberId,
    seq: row.o_seq,
    kind: "spend",
    amount: row.o_amount,
    balanceAfter: row.o_balance_after,
    description: row.o_description,
    expiresAt: null,
    reference: row.o_reference,
    createdAt: new Date(row.o_created_at),
  };
}

/**
 * A purchase refunded (the payment webhook): takes back what is left of that pack, never more
 * (what is left of a lot is part of the balance, so never more than the balance either); the
 * entry says how much of it was already spent. Once per order.
 */
export async function refundPurchasedCredits(
  scope: TenantScope,
  input: { memberId: string; orderId: string },
): Promise<CreditEntry & { alreadySpent: number }> {
  const account = await lockAccount(scope, input.memberId);
  const purchase =
    account && (await entryByKey(scope, input.memberId, `purchase:${input.orderId}`));
  if (!purchase) throw notFound("Purchase");
  const [lot] = await scope.db
    .select({ id: creditLot.id, amount: creditLot.amount, remaining: creditLot.remaining })
    .from(creditLot)
    .innerJoin(
      creditEntry,
      and(
        eq(creditEntry.organizationId, creditLot.organizationId),
        eq(creditEntry.lotId, creditLot.id),
      ),
    )
    .where(
      and(eq(creditLot.organizationId, scope.organizationId), eq(creditEntry.id, purchase.id)),
    );
  if (!lot) throw new Error("a purchase without its lot");
  const alreadySpent = lot.amount - lot.remaining;
  const key = `refund:${input.orderId}`;
  const done = await entryByKey(scope, input.memberId, key);
  if (done) return { ...done, alreadySpent: lot.amount + done.amount };
  await expireDueLots(scope, input.memberId);
  const takeBack = lot.remaining;
  await scope.db
    .update(creditLot)
    .set({ remaining: 0, refundedAt: scope.now() })
    .where(and(eq(creditLot.organizationId, scope.organizationId), eq(creditLot.id, lot.id)));
  const entry = await appendEntry(scope, input.memberId, {
    kind: "refund",
    amount: -takeBack,
    description:
      alreadySpent === 0
        ? `Refund: ${takeBack} credits taken back`
        : `Refund: ${takeBack} of ${lot.amount} credits taken back, ${alreadySpent} already spent`,
    key,
    lotId: lot.id,
    reference: input.orderId,
  });
  return { ...entry, alreadySpent };
}

/** The expiry job (jobs/credit.ts): at the lot's instant, takes what is left of it, once. */
export async function expireCreditLot(scope: TenantScope, lotId: string): Promise<void> {
  const [lot] = await scope.db
    .select({ memberId: creditLot.memberId })
    .from(creditLot)
    .where(and(eq(creditLot.organizationId, scope.organizationId), eq(creditLot.id, lotId)));
  // The member left (their credits went with them).
  if (!lot) return;
  if (await lockAccount(scope, lot.memberId)) await expireDueLots(scope, lot.memberId);
}

/**
 * Whose credits a read is about: the caller's own by default; another member's only for admins.
 * To anyone else another member's credits are missing, as an id that exists nowhere is.
 */
async function readableMember(scope: TenantScope, memberId: string | undefined) {
  if (scope.actor.kind !== "member") throw new Error("credit reads are a member's");
  const own = scope.actor.memberId;
  if (memberId === undefined || memberId === own) return own;
  if (!hasRole(scope.actor.role, "admin") || !(await memberExists(scope, memberId)))
    throw notFound("Member");
  return memberId;
}

/**
 * credit.balance: what can be spent now (a lot whose expiry has come counts no more, even before
 * its job has run), and the next expiry, if any.
 */
export async function getCreditBalance(
  scope: TenantScope,
  input: z.output<typeof creditBalanceInput>,
) {
  const memberId = await readableMember(scope, input.memberId);
  const now = scope.now();
  const [account] = await scope.db
    .select({ balance: creditAccount.balance })
    .from(creditAccount)
    .where(ofMember(scope, memberId));
  const expiring = await scope.db
    .select({
      at: creditLot.expiresAt,
      amount: sql<number>`sum(${creditLot.remaining})::int`,
      due: sql<boolean>`${creditLot.expiresAt} <= ${now.toISOString()}::timestamptz`,
    })
    .from(creditLot)
    .where(
      and(
        eq(creditLot.organizationId, scope.organizationId),
        eq(creditLot.memberId, memberId),
        gt(creditLot.remaining, 0),
        isNotNull(creditLot.expiresAt),
      ),
    )
    .groupBy(creditLot.expiresAt)
    .orderBy(creditLot.expiresAt);
  const dueAmount = expiring.filter((e) => e.due).reduce((sum, e) => sum + e.amount, 0);
  const next = expiring.find((e) => !e.due);
  return {
    memberId,
    balance: (account?.balance ?? 0) - dueAmount,
    nextExpiry: next?.at ? { at: next.at, amount: next.amount } : null,
  };
}

/** credit.history: newest first, each entry with the balance after it; keyset by seq. */
export async function listCreditHistory(
  scope: TenantScope,
  input: z.output<typeof creditHistoryInput>,
) {
  const memberId = await readableMember(scope, input.memberId);
  const rows = await memberEntries(
    scope,
    memberId,
    input.cursor ? lt(creditEntry.seq, input.cursor) : undefined,
  )
    .orderBy(desc(creditEntry.seq))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { memberId, items, nextCursor: rows.length > input.limit && last ? last.seq : null };
}

/** A spend's ledger key: the caller's idempotency key, prefixed by its kind. */
const SPEND_KEY_PREFIX = "spend:";
const spendEntryKey = (idempotencyKey: string) => `${SPEND_KEY_PREFIX}${idempotencyKey}`;

/** The caller's idempotency key of a spend entry (what refundSpend takes), from its ledger key. */
export const spendIdempotencyKeyOf = (entryKey: string) =>
  entryKey.startsWith(SPEND_KEY_PREFIX) ? entryKey.slice(SPEND_KEY_PREFIX.length) : entryKey;

/**
 * Gives back a spend whose work did not happen (a failed or cancelled generation): a grant of
 * the spent amount (kind spend_refund, a lot that never expires), once per spend, by its key: a
 * second call returns the first's entry. Null when there is no such spend (it never committed,
 * so nothing was taken).
 */
export async function refundSpend(
  scope: TenantScope,
  input: { memberId: string; idempotencyKey: string; description: string },
): Promise<CreditEntry | null> {
  const spend = await entryByKey(scope, input.memberId, spendEntryKey(input.idempotencyKey));
  if (spend?.kind !== "spend") return null;
  const { entry } = await grantCredits(scope, {
    memberId: input.memberId,
    kind: "spend_refund",
    amount: -spend.amount,
    description: input.description,
    key: `spend_refund:${input.idempotencyKey}`,
    reference: spend.reference,
  });
  return entry;
}
