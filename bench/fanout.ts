// What the fan-out benches share (realtime.ts: a lead change; community-fanout.ts: a chat
// message): --streams (200) event streams of the demo member open on one Guild server process
// (realtime.events over raw HTTP, as EventSource reads it); the owner sends --messages (50) changes
// one after another, after --warmup (3) unmeasured ones, and each is timed from sending the
// mutation until the last stream has its event (the mutation's round trip included). Measured
// too: the CPU the server process and PostgreSQL's backends spent per message (bench/cpu.ts).
// Next to it, in the same run, the same client against a bare node:http SSE broadcaster
// (servers/sse-broadcast.ts) with as many streams: what pushing one event to that many sockets
// costs on this machine, and the ratios of Guild to it. The streams' client runs in this process
// on the same cores as the server and PostgreSQL: read the times as an upper bound, and the CPU
// per message as the figure that holds when the machine is busy.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
import { childPids, cpuMs } from "./cpu.ts";
import type { BenchServer } from "./processes.ts";
import {
  demoServerEnv,
  fmt,
  percentile,
  postmasterPid,
  startBenchServer,
  step,
  teardownOnExit,
} from "./support.ts";

const DEMO_PASSWORD = "guild-demo-1234";
/** A message not received by every stream by then fails the bench. */
const DELIVERY_TIMEOUT_MS = 30_000;

export async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${email}: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A tRPC call over HTTP as the demo organization. */
export async function trpc<T>(
  url: string,
  cookie: string,
  path: string,
  input: unknown,
  kind: "query" | "mutation",
): Promise<T> {
  const target = new URL(`/api/trpc/${path}`, url);
  if (kind === "query") target.searchParams.set("input", JSON.stringify({ json: input }));
  const response = await fetch(target, {
    method: kind === "mutation" ? "POST" : "GET",
    headers: { "content-type": "application/json", cookie, origin: url, "x-guild-org": "demo" },
    ...(kind === "mutation" ? { body: JSON.stringify({ json: input }) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** One SSE stream: calls onEvent(id) for every message with an id. Returns its closer. */
async function openStream(
  target: URL,
  headers: Record<string, string>,
  onEvent: (id: number) => void,
) {
  const abort = new AbortController();
  const response = await fetch(target, {
    headers: { accept: "text/event-stream", ...headers },
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 1);
          if (line.startsWith("id: ")) onEvent(Number(line.slice(4)));
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return () => abort.abort();
}

interface Scenario {
  /** The stream's address and headers. */
  stream: { url: URL; headers: Record<string, string> };
  /** Sends the i-th message (resolves once the server answered). */
  send(i: number): Promise<void>;
  /** The server's processes. */
  pids: number[];
  /** PostgreSQL's postmaster, when the server uses it. */
  postmaster?: number;
}

interface Measured {
  openMs: number;
  times: number[];
  serverCpuMs: number;
  postgresCpuMs: number | null;
}

async function measure(
  scenario: Scenario,
  sizes: { streams: number; messages: number; warmup: number },
): Promise<Measured> {
  const seen = new Map<number, number>();
  let waiting: { id: number; resolve: () => void } | null = null;
  const onEvent = (id: number) => {
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    if (waiting && id >= waiting.id && count === sizes.streams) waiting.resolve();
  };
  const opened = performance.now();
  const closers = await Promise.all(
    Array.from({ length: sizes.streams }, () =>
      openStream(scenario.stream.url, scenario.stream.headers, onEvent),
    ),
  );
  try {
    // Every stream has sent its first message (Guild's ready, at the head).
    while ([...seen.values()].reduce((a, b) => a + b, 0) < sizes.streams)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const openMs = Math.round(performance.now() - opened);

    /** Sends message i; resolves with its time once every stream has its event. */
    const one = async (i: number) => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const all = new Promise<void>((resolve, reject) => {
        // The event's id is only known once the server has it: the next past every one seen.
        waiting = { id: Math.max(0, ...seen.keys()) + 1, resolve };
        timer = setTimeout(
          () => reject(new Error(`message ${i} did not reach all ${sizes.streams} streams`)),
          DELIVERY_TIMEOUT_MS,
        );
      });
      await scenario.send(i);
      await all.finally(() => clearTimeout(timer));
      return performance.now() - started;
    };
    for (let i = 1; i <= sizes.warmup; i++) await one(-i);

    const backends = scenario.postmaster === undefined ? [] : childPids(scenario.postmaster);
    const before = { server: cpuMs(scenario.pids), postgres: cpuMs(backends) };
    const times: number[] = [];
    for (let i = 1; i <= sizes.messages; i++) times.push(await one(i));
    return {
      openMs,
      times,
      serverCpuMs: (cpuMs(scenario.pids) - before.server) / sizes.messages,
      postgresCpuMs:
        scenario.postmaster === undefined
          ? null
          : (cpuMs(backends) - before.postgres) / sizes.messages,
    };
  } finally {
    for (const close of closers) close();
  }
}

/**
 * Runs a fan-out bench: `prepare` gets the Guild server's address and the owner's cookie and
 * returns how to send the i-th message (a mutation that publishes one event the member sees).
 */
export async function runFanoutBench(options: {
  title: string;
  prepare(url: string, ownerCookie: string): Promise<(i: number) => Promise<void>>;
  /** The p99 to meet, printed with the figures. */
  targetP99Ms?: { ms: number; source: string };
}): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      streams: { type: "string", default: "200" },
      messages: { type: "string", default: "50" },
      warmup: { type: "string", default: "3" },
    },
  });
  const sizes = {
    streams: Number(flags.streams),
    messages: Number(flags.messages),
    warmup: Number(flags.warmup),
  };
  const teardown = teardownOnExit(10 * 60_000);
  try {
    const loadBefore = loadavg()[0] ?? 0;
    step("starting embedded PostgreSQL (throwaway), migrating and seeding the demo");
    const cluster = await startTestCluster();
    teardown.add(() => cluster.stop());
    const database = await createTestDatabase(cluster.url);
    teardown.add(() => database.drop());
    const postmaster = await postmasterPid(database.sql);
    const baseline = await startBenchServer(teardown, "SSE broadcaster", "sse-broadcast.ts");
    // NODE_ENV test: the server seeds the demo organization (its members sign in below).
    const guild: BenchServer = await startBenchServer(
      teardown,
      "Guild",
      "guild.ts",
      demoServerEnv(database.url),
    );
    const owner = await signIn(guild.url, "owner@demo.guild");
    const member = await signIn(guild.url, "member@demo.guild");
    const send = await options.prepare(guild.url, owner);

    step(`baseline: ${sizes.streams} streams of the bare SSE broadcaster`);
    const bare = await measure(
      {
        stream: { url: new URL("/events", baseline.url), headers: {} },
        send: async () => {
          const response = await fetch(`${baseline.url}/send`, { method: "POST" });
          if (response.status !== 204) throw new Error(`send: ${response.status}`);
        },
        pids: [baseline.pid],
      },
      sizes,
    );
    step(`Guild: ${sizes.streams} streams of the demo member`);
    const streamUrl = new URL("/api/trpc/realtime.events", guild.url);
    streamUrl.searchParams.set("input", JSON.stringify({ json: {} }));
    streamUrl.searchParams.set("connectionParams", JSON.stringify({ org: "demo" }));
    const measured = await measure(
      {
        stream: { url: streamUrl, headers: { cookie: member } },
        send,
        pids: [guild.pid, ...childPids(guild.pid)],
        postmaster,
      },
      sizes,
    );
    const loadAfter = loadavg()[0] ?? 0;

    const p = (m: Measured, q: number) => percentile(m.times, q);
    const row = (name: string, m: Measured) =>
      `  ${name.padEnd(16)} ${fmt(p(m, 50)).padStart(6)} ms ${fmt(p(m, 99)).padStart(6)} ms ${fmt(Math.max(...m.times)).padStart(6)} ms ${fmt(m.serverCpuMs, 1).padStart(12)} ms ${(m.postgresCpuMs === null ? "-" : `${fmt(m.postgresCpuMs, 1)} ms`).padStart(10)} ${fmt(m.openMs).padStart(8)} ms`;
    const ratio = (a: number, b: number) => `${fmt(a / Math.max(b, 0.01), 1)}x`;
    const target = options.targetP99Ms;
    console.log(
      [
        "",
        `${options.title}: ${sizes.streams} SSE streams on one server process, ${sizes.messages} messages one after another (after ${sizes.warmup} warm-up), send to last receipt`,
        `Node ${process.version}; load average ${fmt(loadBefore, 1)} before, ${fmt(loadAfter, 1)} after`,
        "",
        `  ${"".padEnd(16)} ${"p50".padStart(9)} ${"p99".padStart(9)} ${"max".padStart(9)} ${"server cpu/msg".padStart(15)} ${"pg cpu/msg".padStart(10)} ${"open all".padStart(11)}`,
        row("baseline_sse", bare),
        row("guild", measured),
        "",
        `  guild / baseline_sse: p50 ${ratio(p(measured, 50), p(bare, 50))}, p99 ${ratio(p(measured, 99), p(bare, 99))}, server cpu per message ${ratio(measured.serverCpuMs, bare.serverCpuMs)}`,
        `  server cpu per delivered event (per message / ${sizes.streams}): guild ${fmt((measured.serverCpuMs * 1000) / sizes.streams)} µs, baseline_sse ${fmt((bare.serverCpuMs * 1000) / sizes.streams)} µs`,
        ...(target
          ? [
              `  target (${target.source}): p99 <= ${target.ms} ms: ${p(measured, 99) <= target.ms ? "met" : "NOT met"}`,
            ]
          : []),
        "",
      ].join("\n"),
    );
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await teardown.cleanUp();
  }
}
