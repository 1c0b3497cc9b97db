// db:check, credits (schema/credit.ts): the three tables must tell one story. The account's
// balance is the sum of the member's entries and what is left of their lots; each entry's running
// balance follows from the one before it; nothing is below zero; a lot that expired or was
// refunded counts no more. The ledger's functions keep all this under the account lock, and
// CHECKs refuse a negative value; these checks find what a hand-made fix, a restore or a bug got
// past them.
import { sql } from "drizzle-orm";
import type { TenantScope } from "../scope.ts";
import type { CheckDomain, Finding } from "./registry.ts";

/** A due lot's expiry job runs within seconds; an hour late means it did not run. */
const EXPIRY_GRACE_MS = 3_600_000;

type MemberBooks = {
  member_id: string;
  name: string | null;
  balance: number | null;
  last_seq: number | null;
  entries_total: number | null;
  entries: number;
  max_seq: number | null;
  lots_remaining: number | null;
};

/** Per member with credits: the account, its entries' sum and its lots' sum (one read per scope). */
const booksCache = new WeakMap<TenantScope, Promise<MemberBooks[]>>();
function booksOf(scope: TenantScope): Promise<MemberBooks[]> {
  let books = booksCache.get(scope);
  if (!books) {
    const org = scope.organizationId;
    books = scope.db
      .execute<MemberBooks>(sql`
        with acct as (
          select member_id, balance, last_seq from credit_account where organization_id = ${org}
        ), ent as (
          select member_id, sum(amount)::int as entries_total, count(*)::int as entries,
                 max(seq)::int as max_seq
          from credit_entry where organization_id = ${org} group by member_id
        ), lot as (
          select member_id, sum(remaining)::int as lots_remaining
          from credit_lot where organization_id = ${org} group by member_id
        )
        select b.member_id, u.name, acct.balance, acct.last_seq, ent.entries_total,
               coalesce(ent.entries, 0)::int as entries, ent.max_seq, lot.lots_remaining
        from (select member_id from acct union select member_id from ent
              union select member_id from lot) b
        left join acct on acct.member_id = b.member_id
        left join ent on ent.member_id = b.member_id
        left join lot on lot.member_id = b.member_id
        left join member m on m.organization_id = ${org} and m.id = b.member_id
        left join "user" u on u.id = m.user_id
        order by u.name, b.member_id`)
      .then((rows) => [...rows]);
    booksCache.set(scope, books);
  }
  return books;
}

const who = (b: { member_id: string; name: string | null }) =>
  `member ${b.name ?? "?"} (${b.member_id})`;

async function namesOf(scope: TenantScope): Promise<Map<string, string>> {
  return new Map((await booksOf(scope)).map((b) => [b.member_id, who(b)]));
}

export const creditChecks: CheckDomain = {
  name: "credits",
  async tenantCounts(scope) {
    const books = await booksOf(scope);
    return {
      accounts: books.filter((b) => b.balance !== null).length,
      entries: books.reduce((n, b) => n + b.entries, 0),
      "credits held": books.reduce((n, b) => n + (b.balance ?? 0), 0),
    };
  },
  async tenantDetails(scope) {
    const books = (await booksOf(scope))
      .filter((b) => b.balance !== null)
      .sort((a, b) => (b.balance ?? 0) - (a.balance ?? 0));
    if (books.length === 0) return [];
    const shown = books.slice(0, 10).map((b) => `${b.name ?? b.member_id} ${b.balance}`);
    const more = books.length > 10 ? `, and ${books.length - 10} more` : "";
    return [`balances: ${shown.join(", ")}${more}`];
  },
  tenantChecks: [
    {
      name: "credit.ledger-sum",
      rule: "each balance equals the sum of the member's ledger entries",
      async run(scope) {
        return (await booksOf(scope)).flatMap((b): Finding[] => {
          if (b.balance === null)
            return b.entries > 0
              ? [{ subject: who(b), detail: `${b.entries} entries but no account` }]
              : [];
          const ledger = b.entries_total ?? 0;
          return b.balance === ledger
            ? []
            : [
                {
                  subject: who(b),
                  detail: `balance ${b.balance}, its entries add up to ${ledger}`,
                },
              ];
        });
      },
    },
    {
      name: "credit.lots-sum",
      rule: "each balance equals what is left of the member's lots",
      async run(scope) {
        return (await booksOf(scope)).flatMap((b): Finding[] => {
          const left = b.lots_remaining ?? 0;
          const balance = b.balance ?? 0;
          return balance === left
            ? []
            : [{ subject: who(b), detail: `balance ${balance}, what is left of its lots ${left}` }];
        });
      },
    },
    {
      name: "credit.running-balance",
      rule: "entries are numbered 1, 2, 3… and each running balance follows from the one before",
      async run(scope) {
        const org = scope.organizationId;
        const names = await namesOf(scope);
        // The first entry that breaks the chain, per member: the rest follow from it.
        const broken = await scope.db.execute<{
          member_id: string;
          seq: number;
          position: number;
          balance_after: number;
          expected: number;
        }>(sql`
          select distinct on (member_id) member_id, seq, position, balance_after, expected
          from (
            select member_id, seq, balance_after,
                   (row_number() over w)::int as position,
                   (sum(amount) over w)::int as expected
            from credit_entry where organization_id = ${org}
            window w as (partition by member_id order by seq)
          ) chain
          where seq <> position or balance_after <> expected
          order by member_id, seq`);
        const findings: Finding[] = broken.map((r) => ({
          subject: names.get(r.member_id) ?? `member ${r.member_id}`,
          detail:
            r.seq !== r.position
              ? `entry number ${r.position} has seq ${r.seq} (a gap or a repeat)`
              : `entry ${r.seq} says balance ${r.balance_after} after it, the entries up to it add up to ${r.expected}`,
        }));
        for (const b of await booksOf(scope))
          if (b.last_seq !== null && b.last_seq !== (b.max_seq ?? 0))
            findings.push({
              subject: who(b),
              detail: `account's last seq ${b.last_seq}, last entry's ${b.max_seq ?? "none"}`,
            });
        return findings;
      },
    },
    {
      name: "credit.negative",
      rule: "no balance, lot or running balance below zero, no lot with more left than granted",
      async run(scope) {
        const org = scope.organizationId;
        const names = await namesOf(scope);
        const rows = await scope.db.execute<{ member_id: string; detail: string }>(sql`
          select member_id, 'balance ' || balance as detail
            from credit_account where organization_id = ${org} and balance < 0
          union all
          select member_id, format('lot %s (%s) has %s left of %s', id, kind, remaining, amount)
            from credit_lot
            where organization_id = ${org} and (remaining < 0 or remaining > amount or amount <= 0)
          union all
          select member_id, format('entry %s says balance %s after it', seq, balance_after)
            from credit_entry where organization_id = ${org} and balance_after < 0
          order by 1, 2`);
        return rows.map((r) => ({
          subject: names.get(r.member_id) ?? `member ${r.member_id}`,
          detail: r.detail,
        }));
      },
    },
    {
      name: "credit.expired-lot",
      rule: "no expired or refunded lot still counted in a balance",
      async run(scope) {
        const org = scope.organizationId;
        const names = await namesOf(scope);
        const overdue = new Date(scope.now().getTime() - EXPIRY_GRACE_MS).toISOString();
        const rows = await scope.db.execute<{
          member_id: string;
          id: string;
          kind: string;
          remaining: number;
          why: string;
        }>(sql`
          select member_id, id, kind, remaining,
                 case when expired_at is not null then 'expired at ' || expired_at
                      when refunded_at is not null then 'refunded at ' || refunded_at
                      else 'due at ' || expires_at || ', its expiry never ran' end as why
          from credit_lot
          where organization_id = ${org} and remaining > 0
            and (expired_at is not null or refunded_at is not null
                 or expires_at <= ${overdue}::timestamptz)
          order by member_id, created_at`);
        return rows.map((r) => ({
          subject: names.get(r.member_id) ?? `member ${r.member_id}`,
          detail: `lot ${r.id} (${r.kind}) ${r.why}, still counts ${r.remaining}`,
        }));
      },
    },
  ],
};
