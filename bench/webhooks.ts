// `node bench/webhooks.ts` (issue 10 §6): Stripe webhook events per second through the real
// production server and its real job runner. --events (10,000) correctly signed deliveries, of
// which --duplicates (10%) are redeliveries of an event already sent (Stripe's retries and
// "Resend": the same body, signed again), posted by --concurrency (50) connections to
// POST /api/webhooks/stripe. Each is verified over its raw body, logged once in stripe_event and
// its stripe.event job enqueued in the same transaction; the server's own runners (one per server
// process, as in production) process the jobs.
//
// Printed: deliveries received per second (every response in), events processed per second
// (first delivery sent to the last event's processed_at), and the CPU each delivery cost in the
// server's processes and in PostgreSQL (the machine is shared: CPU time holds up when wall time
// does not). Next to two baselines measured in the same run on the same machine:
//   baseline_route   the same signed bodies posted by the same client to a bare node:http route
//                    (what the machine and this client allow for HTTP alone)
//   baseline_insert  the same deliveries written by --concurrency connections straight into a
//                    table shaped like stripe_event, `insert … on conflict do nothing` (the
//                    database write alone: no HTTP, no signature, no job)
// Then what must hold, or the figures do not count (exit code 1): every delivery answered 200,
// exactly the duplicates answered `duplicate: true`, one row per distinct event, every row
// processed once (attempts 1, no error), no stripe.event job left in the queue.
//
// --cpu-prof profiles the Guild server's processes (warm-up and baselines included) and prints
// where their CPU went (bench/profile.ts).
//
// The events are customer.created: no Guild handler acts on them today, so "processed" is the
// job's own work (claim the job, count the attempt, dispatch, mark processed); the domains'
// handlers add their own work on top as they land.
import { createHmac, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
import postgres from "postgres";
import { childPids, cpuMs } from "./cpu.ts";
import type { BenchServer } from "./processes.ts";
import { summarizeCpuProfiles } from "./profile.ts";
import {
  fmt,
  percentile,
  postmasterPid,
  startBenchServer,
  startGuildServer,
  step,
  teardownOnExit,
} from "./support.ts";

const { values: flags } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    duplicates: { type: "string", default: "0.1" },
    concurrency: { type: "string", default: "50" },
    workers: { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
  },
});
const DELIVERIES = Number(flags.events);
const DUPLICATES = Math.round(DELIVERIES * Number(flags.duplicates));
const DISTINCT = DELIVERIES - DUPLICATES;
const CONCURRENCY = Number(flags.concurrency);
const WARMUP = 500;
const WEBHOOK_SECRET = `whsec_bench_${randomBytes(16).toString("hex")}`;
const TIME_LIMIT_MS = 600_000;

/** Stripe's scheme: t=<unix seconds>,v1=HMAC-SHA256(secret, "<t>.<raw body>") in hex. */
function signature(body: string): string {
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", WEBHOOK_SECRET).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

/** A customer.created event as Stripe sends it. */
function eventBody(id: string, n: number): string {
  return JSON.stringify({
    id,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    type: "customer.created",
    livemode: false,
    pending_webhooks: 1,
    request: { id: `req_bench_${n}`, idempotency_key: null },
    data: {
      object: {
        id: `cus_bench_${n}`,
        object: "customer",
        email: `customer${n}@bench.test`,
        name: `Customer ${n}`,
        metadata: {},
        created: Math.floor(Date.now() / 1000),
      },
    },
  });
}

interface Delivery {
  id: string;
  body: string;
  duplicate: boolean;
}

/**
 * `distinct` events and `duplicates` redeliveries, each redelivery placed after its original (a
 * fixed-seed shuffle, so every run sends the same sequence): some arrive while the original is
 * still being written, most well after.
 */
function deliveries(prefix: string, distinct: number, duplicates: number): Delivery[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const list: Delivery[] = [];
  for (let n = 0; n < distinct; n++) {
    const id = `evt_${prefix}_${String(n).padStart(6, "0")}`;
    list.push({ id, body: eventBody(id, n), duplicate: false });
  }
  for (let d = 0; d < duplicates; d++) {
    const original = list[Math.floor(random() * distinct)];
    if (!original) throw new Error("no original");
    const at =
      list.indexOf(original) + 1 + Math.floor(random() * (list.length - list.indexOf(original)));
    list.splice(at, 0, { ...original, duplicate: true });
  }
  return list;
}

interface Posted {
  ms: number;
  statuses: Map<number, number>;
  duplicateAnswers: number;
  /**
   * Per event, the deliveries answered as new (not `duplicate: true`): exactly one each. Which
   * one is not fixed: a redelivery posted right after its original may be written first.
   */
  fresh: Map<string, number>;
  latencies: number[];
}

/** Posts every delivery, CONCURRENCY at a time over kept-alive connections, signing each as sent. */
async function postAll(url: string, list: Delivery[]): Promise<Posted> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(url);
  const posted: Posted = {
    ms: 0,
    statuses: new Map(),
    duplicateAnswers: 0,
    fresh: new Map(),
    latencies: [],
  };
  // Signed up front: the client's HMACs are not the server's cost.
  const signed = list.map((d) => ({ ...d, signature: signature(d.body) }));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < signed.length; i = next++) {
        const delivery = signed[i];
        if (!delivery) break;
        const began = performance.now();
        const { status, body } = await new Promise<{ status: number; body: string }>(
          (resolve, reject) => {
            const req = request(
              {
                agent,
                host: target.hostname,
                port: target.port,
                path: target.pathname,
                method: "POST",
                headers: {
                  "content-type": "application/json",
                  "content-length": Buffer.byteLength(delivery.body),
                  "stripe-signature": delivery.signature,
                },
              },
              (res) => {
                let text = "";
                res.setEncoding("utf8");
                res.on("data", (chunk: string) => {
                  text += chunk;
                });
                res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
              },
            );
            req.on("error", reject);
            req.end(delivery.body);
          },
        );
        posted.latencies.push(performance.now() - began);
        posted.statuses.set(status, (posted.statuses.get(status) ?? 0) + 1);
        if (body.includes('"duplicate":true')) posted.duplicateAnswers++;
        else posted.fresh.set(delivery.id, (posted.fresh.get(delivery.id) ?? 0) + 1);
      }
    }),
  );
  posted.ms = performance.now() - started;
  agent.destroy();
  return posted;
}

const teardown = teardownOnExit(TIME_LIMIT_MS);

async function main(): Promise<boolean> {
  const loadBefore = loadavg()[0] ?? 0;
  step("starting embedded PostgreSQL (throwaway) and migrating");
  const cluster = await startTestCluster();
  teardown.add(() => cluster.stop());
  const database = await createTestDatabase(cluster.url);
  teardown.add(() => database.drop());
  const sql = postgres(database.url, { max: CONCURRENCY + 2, onnotice: () => {} });
  teardown.add(() => sql.end());
  const postmaster = await postmasterPid(sql);

  step("starting servers: node:http (baseline), Guild production server");
  const dataDir = await mkdtemp(join(tmpdir(), "guild-bench-webhooks-"));
  teardown.add(() => rm(dataDir, { recursive: true, force: true }));
  const profileDir = flags["cpu-prof"]
    ? await mkdtemp(join(tmpdir(), "guild-bench-webhooks-prof-"))
    : null;
  if (profileDir) teardown.add(() => rm(profileDir, { recursive: true, force: true }));
  const bare = await startBenchServer(teardown, "node:http", "node-http.ts");
  const guild = await startGuildServer(teardown, {
    databaseUrl: database.url,
    dataDir,
    workers: flags.workers,
    profileDir,
    env: {
      // Stripe itself is never called: the endpoint verifies locally and no handler calls out.
      STRIPE_SECRET_KEY: "sk_test_bench_never_called",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  });
  const webhookUrl = `${guild.url}/api/webhooks/stripe`;
  const serverPids = (server: BenchServer) => [server.pid, ...childPids(server.pid)];

  const stats = async (prefix: string) => {
    const [row] = await sql<
      [
        {
          rows: number;
          processed: number;
          retried: number;
          failed: number;
          last_ms: number | null;
        },
      ]
    >`select count(*)::int as rows,
        count(*) filter (where processed_at is not null)::int as processed,
        count(*) filter (where attempts <> 1)::int as retried,
        count(*) filter (where last_error is not null)::int as failed,
        extract(epoch from max(processed_at)) * 1000 as last_ms
      from stripe_event where id like ${`evt_${prefix}_%`}`;
    if (!row) throw new Error("no stats");
    return row;
  };
  /** Waits until every distinct event of `prefix` is processed (or a minute passes with no progress). */
  const processedAll = async (prefix: string, distinct: number) => {
    let last = -1;
    let since = performance.now();
    for (;;) {
      const s = await stats(prefix);
      if (s.processed >= distinct) return s;
      if (s.processed !== last) {
        last = s.processed;
        since = performance.now();
      } else if (performance.now() - since > 60_000)
        throw new Error(`processing stalled at ${s.processed} of ${distinct}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  step(`warm-up: ${WARMUP} deliveries to each target`);
  await postAll(bare.url, deliveries("warmup_bare", WARMUP, 0));
  await postAll(webhookUrl, deliveries("warmup", WARMUP, 0));
  await processedAll("warmup", WARMUP);

  const list = deliveries("bench", DISTINCT, DUPLICATES);

  step(`baseline_route: ${DELIVERIES} posts to a bare node:http route`);
  const bareCpu = cpuMs(serverPids(bare));
  const route = await postAll(bare.url, list);
  const routeCpuMs = (cpuMs(serverPids(bare)) - bareCpu) / DELIVERIES;

  step(`baseline_insert: ${DELIVERIES} plain inserts, ${CONCURRENCY} connections`);
  await sql`create table bench_event (like stripe_event including all)`;
  // Connections opened and the statement prepared before the clock starts.
  await Promise.all(
    Array.from(
      { length: CONCURRENCY },
      (_, i) =>
        sql`insert into bench_event (id, type, livemode, payload)
          values (${`evt_warm_${i}`}, 'customer.created', false, '{}') on conflict (id) do nothing`,
    ),
  );
  const pgBefore = cpuMs(childPids(postmaster));
  const insertStarted = performance.now();
  let nextInsert = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = nextInsert++; i < list.length; i = nextInsert++) {
        const delivery = list[i];
        if (!delivery) break;
        await sql`insert into bench_event (id, type, account, livemode, payload)
          values (${delivery.id}, 'customer.created', null, false, ${delivery.body}::jsonb)
          on conflict (id) do nothing`;
      }
    }),
  );
  const insertMs = performance.now() - insertStarted;
  const insertPgCpuMs = (cpuMs(childPids(postmaster)) - pgBefore) / DELIVERIES;
  const [inserted] = await sql<[{ n: number }]>`
    select count(*)::int as n from bench_event where id like 'evt_bench_%'`;

  step(`webhook: ${DELIVERIES} deliveries (${DUPLICATES} duplicates), ${CONCURRENCY} connections`);
  const guildPids = serverPids(guild);
  const before = { server: cpuMs(guildPids), postgres: cpuMs(childPids(postmaster)) };
  const sentAt = Date.now();
  const webhook = await postAll(webhookUrl, list);
  const receivedCpu = {
    server: cpuMs(guildPids) - before.server,
    postgres: cpuMs(childPids(postmaster)) - before.postgres,
  };
  const done = await processedAll("bench", DISTINCT);
  const total = {
    server: cpuMs(guildPids) - before.server,
    postgres: cpuMs(childPids(postmaster)) - before.postgres,
  };
  const processedMs = (done.last_ms ?? Date.now()) - sentAt;
  // Settle a moment: a job marks its event processed, then the runner deletes the job.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const [queue] = await sql<[{ left: number }]>`
    select count(*)::int as left from graphile_worker.jobs where task_identifier = 'stripe.event'`;
  const final = await stats("bench");

  const receivedPerS = (DELIVERIES / webhook.ms) * 1000;
  const processedPerS = (DISTINCT / processedMs) * 1000;
  const routePerS = (DELIVERIES / route.ms) * 1000;
  const insertPerS = (DELIVERIES / insertMs) * 1000;
  const row = (name: string, perS: number, serverCpu: string, pgCpu: string, extra = "") =>
    `  ${name.padEnd(18)} ${fmt(perS).padStart(8)}/s  ${serverCpu.padStart(10)}  ${pgCpu.padStart(8)}  ${extra}`;
  const loadAfter = loadavg()[0] ?? 0;
  console.log(
    [
      "",
      `Stripe webhooks: ${fmt(DELIVERIES)} signed deliveries (${fmt(DISTINCT)} events + ${fmt(DUPLICATES)} redeliveries), ${CONCURRENCY} connections; ` +
        `Guild server: ${flags.workers ?? availableParallelism()} process(es), each with its job runner; ` +
        `Node ${process.version}, ${cpus().length} CPUs; load average ${fmt(loadBefore, 1)} before, ${fmt(loadAfter, 1)} after`,
      "",
      `  ${"".padEnd(18)} ${"rate".padStart(10)}  ${"server cpu".padStart(10)}  ${"pg cpu".padStart(8)}`,
      row(
        "baseline_route",
        routePerS,
        fmt(routeCpuMs, 3),
        "-",
        `p50 ${fmt(percentile(route.latencies, 50), 1)} ms, p99 ${fmt(percentile(route.latencies, 99), 1)} ms`,
      ),
      row("baseline_insert", insertPerS, "-", fmt(insertPgCpuMs, 3)),
      row(
        "webhook received",
        receivedPerS,
        fmt(receivedCpu.server / DELIVERIES, 3),
        fmt(receivedCpu.postgres / DELIVERIES, 3),
        `p50 ${fmt(percentile(webhook.latencies, 50), 1)} ms, p99 ${fmt(percentile(webhook.latencies, 99), 1)} ms`,
      ),
      row(
        "webhook processed",
        processedPerS,
        fmt(total.server / DELIVERIES, 3),
        fmt(total.postgres / DELIVERIES, 3),
        "(first delivery sent to the last event processed)",
      ),
      "",
      "  (cpu: milliseconds of CPU per delivery in the server's processes and in PostgreSQL backends;",
      "   'processed' counts receiving and processing together, until the last event was processed)",
      "",
      `  webhook received / baseline_route    ${fmt(receivedPerS / routePerS, 2)}`,
      `  webhook received / baseline_insert   ${fmt(receivedPerS / insertPerS, 2)}`,
      `  webhook processed / baseline_insert  ${fmt(processedPerS / insertPerS, 2)}`,
      `  server cpu per delivery / bare route ${fmt(total.server / DELIVERIES / Math.max(routeCpuMs, 0.001), 1)}x`,
      "",
    ].join("\n"),
  );

  const problems: string[] = [];
  const ok = webhook.statuses.get(200) ?? 0;
  if (ok !== DELIVERIES)
    problems.push(
      `answers: ${[...webhook.statuses].map(([s, n]) => `${n} x ${s}`).join(", ")} (all ${DELIVERIES} must be 200)`,
    );
  const notOnce = [...webhook.fresh.values()].filter((n) => n !== 1).length;
  if (webhook.duplicateAnswers !== DUPLICATES || webhook.fresh.size !== DISTINCT || notOnce > 0)
    problems.push(
      `${webhook.duplicateAnswers} answered duplicate (expected ${DUPLICATES}); ${webhook.fresh.size} events answered as new (expected ${DISTINCT}), ${notOnce} of them more than once`,
    );
  if (final.rows !== DISTINCT)
    problems.push(`${final.rows} rows in stripe_event for ${DISTINCT} events`);
  if (final.processed !== DISTINCT) problems.push(`${final.processed} of ${DISTINCT} processed`);
  if (final.retried !== 0 || final.failed !== 0)
    problems.push(`${final.retried} processed more than once, ${final.failed} with an error`);
  if ((queue?.left ?? 0) !== 0) problems.push(`${queue?.left} stripe.event jobs left in the queue`);
  if (inserted?.n !== DISTINCT)
    problems.push(`baseline_insert kept ${inserted?.n} rows, not ${DISTINCT}`);
  if ((route.statuses.get(200) ?? 0) !== DELIVERIES) problems.push("baseline_route: not all 200");
  console.log(
    problems.length === 0
      ? `  duplicates changed nothing: ${DELIVERIES} answered 200, ${DUPLICATES} of them 'duplicate' and each event new exactly once, ${DISTINCT} rows, each processed once (attempts 1, no error), no job left`
      : `  FAILED, figures are not valid:\n${problems.map((p) => `    ${p}`).join("\n")}`,
  );
  if (profileDir) {
    // The profiles are written as the processes exit.
    await guild.stop();
    const files = (await readdir(profileDir)).map((f) => join(profileDir, f));
    console.log(
      `\nGuild server CPU profile, all processes and threads (warm-up, baselines and the run):\n${await summarizeCpuProfiles(files)}`,
    );
  }
  return problems.length === 0;
}

main().then(
  async (valid) => {
    await teardown.cleanUp();
    process.exit(valid ? 0 : 1);
  },
  async (error: unknown) => {
    console.error(error);
    await teardown.cleanUp();
    process.exit(1);
  },
);
