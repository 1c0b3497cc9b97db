// `node bench/json-depth.ts`: what deeply nested JSON does to the production server. Measures
// /healthz latency alone, then while 20 clients keep posting 1 MB bodies nested 500,000 deep
// (what an outside probe did: it took two workers down to 5 requests a second and /healthz from
// 5 ms to 1.5 s). Prints both, and how fast the attack bodies were answered and with what status.
// Flags: --duration <s> (10), --attackers <n> (20), --workers <n> (Guild server processes;
// default one per core, as `pnpm start`).
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
import { startServerProcess } from "./processes.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    attackers: { type: "string", default: "20" },
    workers: { type: "string" },
  },
});
const DURATION_MS = Number(flags.duration) * 1000;
const ATTACKERS = Number(flags.attackers);
const DEPTH = 500_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/** /healthz one request after another for `ms`: latency percentiles in milliseconds. */
async function healthLatency(url: string, ms: number) {
  const times: number[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const started = performance.now();
    const response = await fetch(`${url}/healthz`);
    await response.text();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * The attackers, in a worker thread of their own: in this thread their 1 MB sends would delay
 * the /healthz probes' own event loop and be counted against the server. Each posts the nested
 * body in a loop until told to stop, then reports the answers' statuses.
 */
const attackerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, attackers, depth } = workerData;
const body = "[".repeat(depth) + "]".repeat(depth);
const statuses = {};
let running = true;
parentPort.on("message", () => { running = false; });
const paths = ["/api/trpc/lead.create", "/api/auth/sign-in/email"];
Promise.all(Array.from({ length: attackers }, async (_, i) => {
  while (running) {
    const status = await fetch(url + paths[i % 2], {
      method: "POST", headers: { "content-type": "application/json" }, body,
    }).then(async (r) => { await r.arrayBuffer(); return r.status; }, () => 0);
    statuses[status] = (statuses[status] || 0) + 1;
  }
})).then(() => parentPort.postMessage(statuses));
`;

function attack(url: string) {
  const worker = new Worker(attackerSource, {
    eval: true,
    workerData: { url, attackers: ATTACKERS, depth: DEPTH },
  });
  const statuses = new Promise<Record<string, number>>((resolve, reject) => {
    worker.once("message", (message: Record<string, number>) => resolve(message));
    worker.once("error", reject);
  });
  return {
    async stop() {
      worker.postMessage("stop");
      const result = await statuses;
      await worker.terminate();
      return result;
    },
  };
}

async function main() {
  const cluster = await startTestCluster();
  const database = await createTestDatabase(cluster.url);
  const server = await startServerProcess({
    name: "Guild",
    script: join(repoRoot, "bench/servers/guild.ts"),
    env: {
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      HOST: "127.0.0.1",
      AUTH_SECRET: randomBytes(32).toString("hex"),
      LOG_LEVEL: "silent",
      ...(flags.workers ? { WEB_CONCURRENCY: flags.workers } : {}),
    },
  });
  try {
    await healthLatency(server.url, 1000);
    const quiet = await healthLatency(server.url, DURATION_MS);
    const attacker = attack(server.url);
    const started = Date.now();
    const underAttack = await healthLatency(server.url, DURATION_MS);
    const statuses = await attacker.stop();
    const seconds = (Date.now() - started) / 1000;
    const total = Object.values(statuses).reduce((sum, n) => sum + n, 0);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(
      `\n/healthz alone:        p50 ${ms(quiet.p50)}  p99 ${ms(quiet.p99)}  (${quiet.n})`,
    );
    console.log(
      `/healthz under attack: p50 ${ms(underAttack.p50)}  p99 ${ms(underAttack.p99)}  (${underAttack.n})`,
    );
    console.log(
      `attack: ${ATTACKERS} clients, ${(total / seconds).toFixed(1)} bodies/s answered, statuses ${JSON.stringify(statuses)}`,
    );
  } finally {
    await server.stop();
    await database.drop();
    await cluster.stop();
  }
}

await main();
