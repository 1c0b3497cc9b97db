// `pnpm bench:studio` (part of `pnpm bench`): the streaming overhead of Guild's model path
// (issue 14 §5). The model stand-in runs in a process of its own (servers/model-stand-in.ts),
// pacing its tokens --token-delay ms apart; the Guild server (NODE_ENV test: the demo seeded, one
// process, on 127.0.0.1) is pointed at it with LLM_BASE_URL. At each concurrency (1 and 50
// streams at once), --rounds rounds (after one unmeasured warm-up round) of:
//
//   direct   POST /v1/chat/completions (stream: true) straight to the stand-in, read as SSE
//   guild    the same generation through Guild: GUILD_PATH below (a tRPC subscription read as
//            the browser's httpSubscriptionLink reads it: SSE over GET), which spends a credit,
//            calls the stand-in through the AI SDK and forwards each token as it arrives
//
// Each stream asks for --tokens tokens ([[stand-in:tokens=N]] in the prompt). Reported: tokens
// per second (all tokens received / the round's wall time; per stream, the median of one stream's
// tokens / its time, and of its pace after the first token), time to first token (from sending
// the request), and Guild minus direct. Guild's first token waits for the session and membership
// check, the rate limit, the credit spend and the empty draft (one short transaction), which
// direct has none of; at 50 streams the spends queue on the one member's balance row.
// 20 generations a minute per member is the product's limit: this throwaway database's
// trigger keeps the count at 1, so one member can run 50 at once. Flags: --tokens (60),
// --token-delay (5 ms), --rounds (3), --concurrency (1,50), --cpu-prof (where the Guild server's
// CPU went), --cpu-prof-dir <dir> (the same, profiles kept). The client runs in
// this process on the same cores as both servers: read the figures as a bound on the overhead.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import type { Sql } from "@guild/db";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
import { studioPrompt } from "../packages/api/src/services/studio-generate.ts";
import { signIn, trpc } from "./fanout.ts";
import type { BenchServer } from "./processes.ts";
import { cpuProfileDir, printCpuProfile } from "./profile.ts";
import {
  demoServerEnv,
  fmt,
  percentile,
  startBenchServer,
  step,
  teardownOnExit,
} from "./support.ts";

const { values: flags } = parseArgs({
  options: {
    // ~7 characters a token: 60 fit a studio post (500 characters at most).
    tokens: { type: "string", default: "60" },
    "token-delay": { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "1,50" },
    "cpu-prof": { type: "boolean", default: false },
    "cpu-prof-dir": { type: "string" },
  },
});
const TOKENS = Number(flags.tokens);
const TOKEN_DELAY_MS = Number(flags["token-delay"]);
const ROUNDS = Number(flags.rounds);
const LEVELS = flags.concurrency.split(",").map(Number);
/** A stream that has not ended by then fails the bench. */
const STREAM_TIMEOUT_MS = 120_000;

interface StreamResult {
  /** ms from sending the request to the first token. */
  ttftMs: number;
  tokens: number;
  /** ms from sending the request to the stream's end. */
  totalMs: number;
}

/** A stream's pace once its first token came: tokens after the first / the time they took. */
const streamingRate = (s: StreamResult) =>
  s.tokens > 1 ? ((s.tokens - 1) * 1000) / Math.max(s.totalMs - s.ttftMs, 0.001) : 0;

/**
 * Reads an SSE response, calling onData(event, data) for each message (event "message" when the
 * message names none), until the body ends.
 */
async function readSse(response: Response, onData: (event: string, data: string) => void) {
  if (!response.body) throw new Error("no body");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
        else if (line.startsWith("data:")) data.push(line.slice(5));
      }
      if (data.length > 0) onData(event, data.join("\n"));
    }
  }
}

async function timedStream(
  open: (signal: AbortSignal) => Promise<Response>,
  tokenOf: (event: string, data: string) => number,
): Promise<StreamResult> {
  const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS);
  const started = performance.now();
  let first = 0;
  let tokens = 0;
  const response = await open(signal);
  if (!response.ok) throw new Error(`stream: ${response.status} ${await response.text()}`);
  await readSse(response, (event, data) => {
    const n = tokenOf(event, data);
    if (n > 0 && tokens === 0) first = performance.now();
    tokens += n;
  });
  if (tokens === 0) throw new Error("a stream ended without a token");
  return { ttftMs: first - started, tokens, totalMs: performance.now() - started };
}

/** The i-th stream's brief; the marker makes the stand-in answer with exactly TOKENS tokens. */
const brief = (i: number) =>
  ({
    topic: `our community meetup number ${i} [[stand-in:tokens=${TOKENS}]]`,
    tone: "friendly",
    platform: "community",
    length: "long",
  }) as const;

/** Straight from the stand-in, with the prompt studio.generate sends, as the AI SDK asks (usage on). */
function direct(standIn: BenchServer) {
  return (i: number) =>
    timedStream(
      (signal) =>
        fetch(`${standIn.url}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            model: "guild-stand-in-1",
            stream: true,
            stream_options: { include_usage: true },
            messages: [
              {
                role: "user",
                content: studioPrompt({ ...brief(i), idempotencyKey: "unused-key" }),
              },
            ],
          }),
          signal,
        }),
      (_event, data) => {
        if (data === "[DONE]") return 0;
        const chunk = JSON.parse(data) as { choices: { delta: { content?: string } }[] };
        return chunk.choices[0]?.delta.content ? 1 : 0;
      },
    );
}

/**
 * Guild's streaming procedure: its path, the input of the i-th stream, and how many tokens one
 * of its messages carries (a delta: one; started and done: none).
 */
const GUILD_PATH = {
  path: "studio.generate",
  input: (i: number, run: string) => ({ ...brief(i), idempotencyKey: `bench-${run}-${i}` }),
  tokensOf: (json: unknown): number =>
    json && typeof json === "object" && "type" in json && json.type === "delta" ? 1 : 0,
};

function throughGuild(guild: BenchServer, cookie: string, run: string) {
  return (i: number) =>
    timedStream(
      (signal) => {
        const url = new URL(`/api/trpc/${GUILD_PATH.path}`, guild.url);
        url.searchParams.set("input", JSON.stringify({ json: GUILD_PATH.input(i, run) }));
        url.searchParams.set("connectionParams", JSON.stringify({ org: "demo" }));
        return fetch(url, { headers: { accept: "text/event-stream", cookie }, signal });
      },
      (event, data) => {
        if (event === "serialized-error") throw new Error(`Guild stream failed: ${data}`);
        if (event !== "message") return 0;
        const message = JSON.parse(data) as { json?: unknown };
        return GUILD_PATH.tokensOf(message.json);
      },
    );
}

interface Round {
  wallMs: number;
  streams: StreamResult[];
}

async function round(streams: number, one: (i: number) => Promise<StreamResult>): Promise<Round> {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: streams }, (_, i) => one(i)));
  return { wallMs: performance.now() - started, streams: results };
}

interface Figures {
  /** All tokens received / wall time, per round, averaged. */
  tokensPerS: number;
  /** One stream's tokens / its own time (first token's wait included), median over the streams. */
  perStreamTokensPerS: number;
  /** One stream's pace after its first token, median over the streams. */
  streamingTokensPerS: number;
  ttft: number[];
}

function figures(rounds: Round[]): Figures {
  const all = rounds.flatMap((r) => r.streams);
  return {
    tokensPerS:
      rounds.reduce((sum, r) => sum + r.streams.reduce((n, s) => n + s.tokens, 0) / r.wallMs, 0) *
      (1000 / rounds.length),
    perStreamTokensPerS: percentile(
      all.map((s) => (s.tokens * 1000) / s.totalMs),
      50,
    ),
    streamingTokensPerS: percentile(all.map(streamingRate), 50),
    ttft: all.map((s) => s.ttftMs),
  };
}

async function main() {
  const teardown = teardownOnExit(15 * 60_000);
  try {
    const loadBefore = loadavg()[0] ?? 0;
    step("starting embedded PostgreSQL (throwaway), migrating");
    const cluster = await startTestCluster();
    teardown.add(() => cluster.stop());
    const database = await createTestDatabase(cluster.url);
    teardown.add(() => database.drop());
    step(`starting the model stand-in (a token every ${TOKEN_DELAY_MS} ms)`);
    const standIn = await startBenchServer(teardown, "model stand-in", "model-stand-in.ts", {
      MODEL_STAND_IN_TOKEN_DELAY_MS: String(TOKEN_DELAY_MS),
    });
    step("starting the Guild server (seeding the demo), its model the stand-in");
    const profile = await cpuProfileDir(teardown, flags);
    const guild = await startBenchServer(
      teardown,
      "Guild",
      "guild.ts",
      {
        ...demoServerEnv(database.url),
        LLM_BASE_URL: `${standIn.url}/v1`,
        LLM_MODEL: "guild-stand-in-1",
      },
      profile.dir ? ["--cpu-prof", "--cpu-prof-dir", profile.dir] : [],
    );
    const cookie = await prepareGuild(guild, database.sql);

    const results: { level: number; direct: Figures; guild: Figures }[] = [];
    let run = 0;
    for (const level of LEVELS) {
      const measure = async (name: string, one: () => (i: number) => Promise<StreamResult>) => {
        step(`${name}: ${level} stream(s) at once, 1 warm-up + ${ROUNDS} rounds`);
        await round(level, one());
        const rounds: Round[] = [];
        for (let r = 0; r < ROUNDS; r++) rounds.push(await round(level, one()));
        return figures(rounds);
      };
      const directFigures = await measure("direct", () => direct(standIn));
      const guildFigures = await measure("guild", () => throughGuild(guild, cookie, `${++run}`));
      results.push({ level, direct: directFigures, guild: guildFigures });
    }
    const loadAfter = loadavg()[0] ?? 0;

    const p = (values: number[], q: number) => percentile(values, q);
    console.log(
      [
        "",
        `Studio streaming: ${TOKENS} tokens a stream, a token every ${TOKEN_DELAY_MS} ms from the stand-in; ${ROUNDS} rounds per figure (after 1 warm-up); ${GUILD_PATH.path} through Guild`,
        `Node ${process.version}; load average ${fmt(loadBefore, 1)} before, ${fmt(loadAfter, 1)} after`,
        "",
        `  ${"streams".padEnd(8)} ${"path".padEnd(7)} ${"tokens/s".padStart(9)} ${"per stream".padStart(11)} ${"after 1st".padStart(10)} ${"ttft p50".padStart(11)} ${"ttft p95".padStart(11)}`,
        ...results.flatMap(({ level, direct: d, guild: g }) => [
          `  ${String(level).padEnd(8)} ${"direct".padEnd(7)} ${fmt(d.tokensPerS).padStart(9)} ${fmt(d.perStreamTokensPerS).padStart(11)} ${fmt(d.streamingTokensPerS).padStart(10)} ${fmt(p(d.ttft, 50), 1).padStart(8)} ms ${fmt(p(d.ttft, 95), 1).padStart(8)} ms`,
          `  ${"".padEnd(8)} ${"guild".padEnd(7)} ${fmt(g.tokensPerS).padStart(9)} ${fmt(g.perStreamTokensPerS).padStart(11)} ${fmt(g.streamingTokensPerS).padStart(10)} ${fmt(p(g.ttft, 50), 1).padStart(8)} ms ${fmt(p(g.ttft, 95), 1).padStart(8)} ms`,
          `  ${"".padEnd(8)} guild / direct tokens/s ${fmt((g.tokensPerS / d.tokensPerS) * 100, 1)}%; time to first token, guild minus direct: p50 ${fmt(p(g.ttft, 50) - p(d.ttft, 50), 1)} ms, p95 ${fmt(p(g.ttft, 95) - p(d.ttft, 95), 1)} ms`,
        ]),
        "",
      ].join("\n"),
    );
    await printCpuProfile(profile, () => guild.stop());
  } finally {
    await teardown.cleanUp();
  }
}

/**
 * Signs the demo member in, and has the owner grant them a credit for every generation the bench
 * makes (credit.adminGrant, as an admin would).
 */
async function prepareGuild(guild: BenchServer, sql: Sql): Promise<string> {
  const owner = await signIn(guild.url, "owner@demo.guild");
  const member = await signIn(guild.url, "member@demo.guild");
  const [row] = await sql<[{ id: string }]>`
    select m.id from member m join "user" u on u.id = m.user_id
    join organization o on o.id = m.organization_id
    where u.email = 'member@demo.guild' and o.slug = 'demo'`;
  if (!row) throw new Error("no demo member");
  // 20 generations a minute a member is the product's limit; 50 at once from the one member
  // would be refused. In this throwaway database only, the count stays at 1.
  await sql.unsafe(`
    create function bench_no_generation_limit() returns trigger language plpgsql as $$
    begin new.count := 1; return new; end $$;
    create trigger bench_no_generation_limit before update on api_rate_limit for each row
      when (new.key like 'studio.generate:%') execute function bench_no_generation_limit();`);
  const generations = LEVELS.reduce((n, level) => n + level * (ROUNDS + 1), 0);
  await trpc(
    guild.url,
    owner,
    "credit.adminGrant",
    {
      memberId: row.id,
      amount: generations + 10,
      description: "Studio bench",
      idempotencyKey: `studio-bench-${Date.now()}`,
    },
    "mutation",
  );
  return member;
}

await main();
