// `node bench/credits.ts` (issue 10 §6): credit spends per second with --spenders (50) concurrent
// spenders on ONE member's balance, the worst case for the ledger (every spend queues on that
// member's account lock), next to the baseline that says what "fast" means here: the same
// spenders decrementing one plain counter row with a conditional UPDATE (one statement, no
// ledger, no RLS: baseline_update), and the same UPDATE in a transaction of its own
// (baseline_update_tx: begin, update, commit, as a spend's transaction holds its lock while the
// commit travels), on the same database and pool, in the same run.
//
// Two phases each: `steady` (a balance that never runs out, for spends per second) and `drain`
// (a balance of --drain credits that 50 spenders run dry: exactly that many succeed, the rest get
// "not enough credits"). Meanwhile an observer reads the balance, the ledger's sum and the lowest
// running balance over and over, and every answered spend's balance is checked: the count of
// negative balances seen is printed and must be 0 (exit code 1 otherwise).
import { parseArgs } from "node:util";
import {
  asSystem,
  createDb,
  creditAccount,
  creditEntry,
  eq,
  member,
  organization,
  sql,
  type TenantScope,
  user,
  withTenant,
} from "@guild/db";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
import { AppError } from "../packages/api/src/errors.ts";
import { grantPurchasedCredits, spendCredits } from "../packages/api/src/services/credit.ts";
import { percentile } from "./support.ts";

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    spenders: { type: "string", default: "50" },
    drain: { type: "string", default: "2000" },
  },
});
const DURATION_MS = Number(flags.duration) * 1000;
const SPENDERS = Number(flags.spenders);
const DRAIN = Number(flags.drain);

const cluster = await startTestCluster();
const database = await createTestDatabase(cluster.url);
await database.sql.end();
// One connection per spender, plus the observer's: the lock, not the pool, is what they wait on.
const { db, sql: client } = createDb(database.url, { max: SPENDERS + 2 });

const [org] = await db
  .insert(organization)
  .values({ name: "Bench", slug: "bench" })
  .returning({ id: organization.id });
const [person] = await db
  .insert(user)
  .values({ name: "Spender", email: "spender@bench.test", emailVerified: true })
  .returning({ id: user.id });
if (!(org && person)) throw new Error("setup failed");
// Their first membership: the sign-up bonus of 10 comes with it.
const [spender] = await db
  .insert(member)
  .values({ organizationId: org.id, userId: person.id, role: "member" })
  .returning({ id: member.id });
if (!spender) throw new Error("setup failed");
const memberId = spender.id;
const scoped = <T>(fn: (scope: TenantScope) => Promise<T>) =>
  withTenant(db, asSystem(org.id, "bench"), fn);

await client`create table bench_counter (id int primary key, n bigint not null check (n >= 0))`;

let negatives = 0;
let observations = 0;

/** Reads the balance, the ledger's sum and its lowest running balance until told to stop. */
function observe() {
  let running = true;
  const done = (async () => {
    while (running) {
      const [row] = await db
        .select({
          balance: creditAccount.balance,
          ledger: sql<number>`(select coalesce(sum(amount), 0)::int from ${creditEntry} where member_id = ${memberId}::uuid)`,
          lowest: sql<number>`(select coalesce(min(balance_after), 0)::int from ${creditEntry} where member_id = ${memberId}::uuid)`,
        })
        .from(creditAccount)
        .where(eq(creditAccount.memberId, memberId));
      const [counter] = await client<{ n: string }[]>`select n from bench_counter where id = 1`;
      observations++;
      for (const value of [row?.balance, row?.ledger, row?.lowest, Number(counter?.n ?? 0)])
        if (value !== undefined && value < 0) negatives++;
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

/** Spend keys are unique across phases: a key used before is a retry, and charges nothing. */
let next = 0;

interface Outcome {
  ok: number;
  refused: number;
  latencies: number[];
}

/** SPENDERS loops calling `attempt` until `until()` says stop; refusals end nothing. */
async function race(
  attempt: (key: string) => Promise<"ok" | "refused">,
  until: (outcome: Outcome, startedAt: number) => boolean,
): Promise<Outcome & { ms: number }> {
  const outcome: Outcome = { ok: 0, refused: 0, latencies: [] };
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: SPENDERS }, async () => {
      while (!until(outcome, startedAt)) {
        const began = performance.now();
        const result = await attempt(`k${next++}`);
        outcome.latencies.push(performance.now() - began);
        outcome[result]++;
      }
    }),
  );
  return { ...outcome, ms: performance.now() - startedAt };
}

const forDuration = (_: Outcome, startedAt: number) => performance.now() - startedAt > DURATION_MS;
/** Until a whole round of spenders was refused: the balance is gone. */
const untilDry = (outcome: Outcome) => outcome.refused >= SPENDERS;

async function spend(key: string): Promise<"ok" | "refused"> {
  try {
    const entry = await scoped((scope) =>
      spendCredits(scope, { memberId, amount: 1, idempotencyKey: key, description: "Bench" }),
    );
    if (entry.balanceAfter < 0) negatives++;
    return "ok";
  } catch (error) {
    if (error instanceof AppError && error.reason === "INSUFFICIENT_CREDITS") return "refused";
    throw error;
  }
}

/**
 * The same decrement in a transaction of its own (begin, update, commit: the row stays locked
 * while the commit travels from the client, as a spend's lock does).
 */
async function decrementInTransaction(): Promise<"ok" | "refused"> {
  const rows = await db.transaction((tx) =>
    tx.execute(sql`update bench_counter set n = n - 1 where id = 1 and n > 0 returning n`),
  );
  return rows.length === 1 ? "ok" : "refused";
}

async function decrement(): Promise<"ok" | "refused"> {
  const rows = await client`update bench_counter set n = n - 1 where id = 1 and n > 0 returning n`;
  return rows.length === 1 ? "ok" : "refused";
}

const setCounter = (n: number) =>
  client`insert into bench_counter values (1, ${n}) on conflict (id) do update set n = excluded.n`;
const balance = async () =>
  (
    await db
      .select({ balance: creditAccount.balance })
      .from(creditAccount)
      .where(eq(creditAccount.memberId, memberId))
  )[0]?.balance ?? 0;

const row = (name: string, r: Outcome & { ms: number }) =>
  `${name.padEnd(22)} ${String(Math.round((r.ok / r.ms) * 1000)).padStart(7)}/s  ok ${String(r.ok).padStart(7)}  refused ${String(r.refused).padStart(5)}  p50 ${percentile(r.latencies, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(r.latencies, 99).toFixed(1).padStart(6)} ms`;

let failed = false;
try {
  const stop = observe();
  // Warm-up: statements prepared, connections open.
  await setCounter(1_000_000_000);
  await race(
    () => decrement(),
    (o) => o.ok >= SPENDERS * 4,
  );
  await scoped((scope) =>
    grantPurchasedCredits(scope, { memberId, amount: 1_000_000_000, orderId: "bench-steady" }),
  );
  await race(spend, (o) => o.ok >= SPENDERS * 4);

  const baselineSteady = await race(() => decrement(), forDuration);
  const baselineTransaction = await race(() => decrementInTransaction(), forDuration);
  const spendSteady = await race(spend, forDuration);

  // Drain: DRAIN credits left, run dry by all the spenders at once.
  await setCounter(DRAIN);
  const baselineDrain = await race(() => decrement(), untilDry);
  const left = await balance();
  await scoped((scope) =>
    spendCredits(scope, {
      memberId,
      amount: left - DRAIN,
      idempotencyKey: "bench-to-drain",
      description: "Leave exactly the drain's balance",
    }),
  );
  const spendDrain = await race(spend, untilDry);
  await stop();

  console.log(
    `credit spends: ${SPENDERS} concurrent spenders on one member's balance, ${DURATION_MS / 1000} s (steady), ${DRAIN} credits run dry (drain)`,
  );
  console.log(row("baseline_update", baselineSteady));
  console.log(row("baseline_update_tx", baselineTransaction));
  console.log(row("credit_spend", spendSteady));
  console.log(row("baseline_update drain", baselineDrain));
  console.log(row("credit_spend drain", spendDrain));
  const ratio = spendSteady.ok / spendSteady.ms / (baselineSteady.ok / baselineSteady.ms);
  const ratioTx =
    spendSteady.ok / spendSteady.ms / (baselineTransaction.ok / baselineTransaction.ms);
  console.log(
    `credit_spend: ${ratio.toFixed(2)}x baseline_update's throughput, ${ratioTx.toFixed(2)}x baseline_update_tx's`,
  );
  const finalBalance = await balance();
  console.log(
    `drain: ${spendDrain.ok} of ${DRAIN} credits spent, final balance ${finalBalance}; negative balances seen: ${negatives} (in ${observations} observations and every answered spend)`,
  );
  if (negatives !== 0 || spendDrain.ok !== DRAIN || finalBalance !== 0) {
    console.error("FAILED: a balance went negative or the drain did not spend exactly its credits");
    failed = true;
  }
} finally {
  await client.end();
  await cluster.stop();
}
if (failed) process.exitCode = 1;
