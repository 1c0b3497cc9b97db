// `node bench/community-fanout.ts`: a chat message's fan-out (issue 11's benchmark, community
// part): --streams (200) event streams of the demo member are open on one server process, all
// following the organization where the demo's General chat is; the owner posts --messages (20)
// chat messages, one after another, and for each the time from sending chat.post to the moment
// the last of the streams received its event is recorded (the mutation's round trip included).
// Printed: p50, p99 and max of those times. Each chat event is checked per stream against the
// reader's visible spaces (chatMessageEvents.visibleTargets, one short transaction per stream
// and batch), so this also prices space visibility in the live path. The streams' client runs in
// this process, on the same 2 cores as the server and PostgreSQL: read the figures as an upper
// bound. Target (issue 11): p99 <= 250 ms.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
import { startServerProcess } from "./processes.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const { values: flags } = parseArgs({
  options: {
    streams: { type: "string", default: "200" },
    messages: { type: "string", default: "20" },
  },
});
const STREAMS = Number(flags.streams);
const MESSAGES = Number(flags.messages);
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
  sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? 0;

async function trpc<T>(
  url: string,
  cookie: string,
  path: string,
  input: unknown,
  mutation: boolean,
) {
  const target = new URL(`/api/trpc/${path}`, url);
  if (!mutation) target.searchParams.set("input", JSON.stringify({ json: input }));
  const response = await fetch(target, {
    method: mutation ? "POST" : "GET",
    headers: {
      "content-type": "application/json",
      cookie,
      origin: url,
      "x-guild-org": "demo",
    },
    ...(mutation ? { body: JSON.stringify({ json: input }) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

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
  const chat = await trpc<{ id: string }>(
    server.url,
    owner,
    "space.get",
    { slug: "general-chat" },
    false,
  );

  const seen = new Map<number, number>();
  let waiting: { id: number; resolve: () => void } | null = null;
  const onEvent = (id: number) => {
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    if (waiting && id >= waiting.id && count === STREAMS) waiting.resolve();
  };
  const opened = performance.now();
  const closers = await Promise.all(
    Array.from({ length: STREAMS }, () => openStream(server.url, member, onEvent)),
  );
  while ([...seen.values()].reduce((a, b) => a + b, 0) < STREAMS)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const openMs = Math.round(performance.now() - opened);

  const times: number[] = [];
  for (let i = 1; i <= MESSAGES; i++) {
    const started = performance.now();
    let resolveAll: () => void = () => {};
    const all = new Promise<void>((resolve) => {
      resolveAll = resolve;
    });
    // The event's id is only known once the log has it: wait for the next id past every one seen.
    waiting = { id: Math.max(0, ...seen.keys()) + 1, resolve: resolveAll };
    await trpc(
      server.url,
      owner,
      "chat.post",
      { spaceId: chat.id, body: `Bench message ${i}` },
      true,
    );
    await all;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  for (const close of closers) close();
  process.stdout.write(
    [
      `chat fan-out: ${STREAMS} streams of one member in General chat, open in ${openMs} ms`,
      `send to last receipt (${MESSAGES} messages): p50 ${Math.round(percentile(times, 50))} ms, p99 ${Math.round(percentile(times, 99))} ms, max ${Math.round(times.at(-1) ?? 0)} ms (target p99 <= 250 ms)`,
      "",
    ].join("\n"),
  );
} finally {
  await server.stop();
  await cluster.stop();
}
