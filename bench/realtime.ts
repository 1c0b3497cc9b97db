// `node bench/realtime.ts`: how long one event takes to reach every open event stream of an
// organization on the production server. Opens --streams streams (realtime.events, over raw HTTP
// as EventSource does) of the demo member, then has the owner change a lead --events times and
// measures, for each change, the time from sending the mutation until every stream has the
// event (mutation round trip included). The streams share one read of the log per wake-up and
// check the member again only past its time to live (10 s), so one event costs the database
// one query, not one per stream. Flags: --streams <n> (200), --events <n> (10). One server
// process; the streams' client runs in this process (on the same cores), so read the delivery
// times as an upper bound.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
import { startServerProcess } from "./processes.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const { values: flags } = parseArgs({
  options: {
    streams: { type: "string", default: "200" },
    events: { type: "string", default: "10" },
  },
});
const STREAMS = Number(flags.streams);
const EVENTS = Number(flags.events);
const DEMO_PASSWORD = "guild-demo-1234";

async function signIn(url: string, email: string): Promise<string> {
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

/** One stream: calls onEvent(id) for every tracked event it receives. */
async function openStream(url: string, cookie: string, onEvent: (id: number) => void) {
  const target = new URL("/api/trpc/realtime.events", url);
  target.searchParams.set("input", JSON.stringify({ json: {} }));
  target.searchParams.set("connectionParams", JSON.stringify({ org: "demo" }));
  const abort = new AbortController();
  const response = await fetch(target, {
    headers: { accept: "text/event-stream", cookie },
    signal: abort.signal,
  });
  if (!response.body) throw new Error("no body");
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

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

const cluster = await startTestCluster();
const database = await createTestDatabase(cluster.url);
await database.sql.end();
const server = await startServerProcess({
  name: "guild",
  script: join(repoRoot, "bench/servers/guild.ts"),
  env: {
    NODE_ENV: "test",
    WEB_CONCURRENCY: "1",
    HOST: "127.0.0.1",
    DATABASE_URL: database.url,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
    LOG_LEVEL: "warn",
    GUILD_DISABLE_RATE_LIMIT: "true",
  },
});
try {
  const owner = await signIn(server.url, "owner@demo.guild");
  const member = await signIn(server.url, "member@demo.guild");

  const seen = new Map<number, number>();
  let waiting: { id: number; resolve: () => void } | null = null;
  const onEvent = (id: number) => {
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    if (waiting && id === waiting.id && count === STREAMS) waiting.resolve();
  };
  const opened = performance.now();
  const closers = await Promise.all(
    Array.from({ length: STREAMS }, () => openStream(server.url, member, onEvent)),
  );
  // Every stream has sent its first event (ready, at the head) once all hold the same id.
  while ([...seen.values()].reduce((a, b) => a + b, 0) < STREAMS)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const openMs = Math.round(performance.now() - opened);
  const head = Math.max(...seen.keys());

  const times: number[] = [];
  const lead = await fetch(
    `${server.url}/api/trpc/lead.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`,
    {
      headers: { cookie: owner, "x-guild-org": "demo" },
    },
  ).then(
    (r) => r.json() as Promise<{ result: { data: { json: { items: Array<{ id: string }> } } } }>,
  );
  const leadId = lead.result.data.json.items[0]?.id;
  if (!leadId) throw new Error("no demo lead");
  for (let i = 1; i <= EVENTS; i++) {
    const all = new Promise<void>((resolve) => {
      waiting = { id: head + i, resolve };
    });
    const started = performance.now();
    const response = await fetch(`${server.url}/api/trpc/lead.update`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: owner,
        origin: server.url,
        "x-guild-org": "demo",
      },
      body: JSON.stringify({ json: { id: leadId, company: `Bench ${i}` } }),
    });
    if (!response.ok) throw new Error(`lead.update: ${response.status} ${await response.text()}`);
    await all;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  for (const close of closers) close();
  process.stdout.write(
    [
      `streams: ${STREAMS} open in ${openMs} ms`,
      `one lead.update to all ${STREAMS} streams (${EVENTS} updates): p50 ${Math.round(percentile(times, 50))} ms, max ${Math.round(times.at(-1) ?? 0)} ms`,
      "",
    ].join("\n"),
  );
} finally {
  await server.stop();
  await cluster.stop();
}
