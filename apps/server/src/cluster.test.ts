// `pnpm start` as production runs it: one primary supervising a server process per core on one
// port. Spawned for real (plain node on type stripping, as the start script does), on a test database.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@guild/db";
import { DEMO_PASSWORD, seedDemo } from "@guild/db/seed";
import { createTestDatabase } from "@guild/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { Browser, readJson, signIn } from "./testing.ts";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
const logLine = z.object({
  msg: z.string(),
  worker: z.number().optional(),
  pid: z.number().optional(),
  path: z.string().optional(),
});

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let primary: ChildProcess;
let baseUrl: string;
const logs: Array<z.infer<typeof logLine>> = [];

function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const found = check();
      if (found !== undefined) resolve(found);
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 50);
    };
    poll();
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** pid → worker id of the processes that logged serving a request. */
function servedBy(): Map<number, number> {
  const pids = new Map<number, number>();
  for (const line of logs)
    if (line.msg === "request" && line.pid !== undefined && line.worker !== undefined)
      pids.set(line.pid, line.worker);
  return pids;
}

const dataDirs: string[] = [];

/**
 * `pnpm start`'s entry with 2 workers on the test database, and no S3_URL: the primary runs the
 * embedded S3 server for them, in a data directory of its own. Each output line goes to onLine.
 */
function spawnPrimary(env: Record<string, string>, onLine: (line: string) => void) {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-cluster-"));
  dataDirs.push(dataDir);
  const child = spawn(process.execPath, ["src/index.ts"], {
    cwd: serverDir,
    env: {
      // Not vitest's own variables (its BASE_URL is "/", not the server's public URL).
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "BASE_URL")),
      NODE_ENV: "production",
      WEB_CONCURRENCY: "2",
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
      LOG_LEVEL: "info",
      GUILD_DATA_DIR: dataDir,
      EMBEDDED_S3_PORT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let output = "";
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const lines = output.split("\n");
      output = lines.pop() ?? "";
      for (const line of lines) onLine(line);
    });
  }
  return child;
}

/** The live child processes of a process (Linux /proc). */
function childrenOf(parent: number): number[] {
  return readdirSync("/proc").flatMap((entry) => {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) return [];
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent ? [pid] : [];
    } catch {
      return [];
    }
  });
}

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"));
  // Production never seeds the demo: do it here.
  const { db, sql } = createDb(database.url, { max: 1 });
  await seedDemo(db);
  await sql.end();
  primary = spawnPrimary({}, (line) => {
    const url = /Guild is running at (\S+)/.exec(line)?.[1];
    if (url) baseUrl = url;
    if (!line.startsWith("{")) return;
    const parsed = logLine.safeParse(JSON.parse(line));
    if (parsed.success) logs.push(parsed.data);
  });
  primary.once("exit", (code) => {
    if (!baseUrl) baseUrl = `exited with ${code} before listening`;
  });
  // Two workers booting on a busy two-core machine (each loads the app, the S3 client and its
  // job runner) can take most of the hook's minute.
  await waitFor("the banner", () => baseUrl, 55_000);
  expect(baseUrl).toMatch(/^http:\/\/localhost:\d+$/);
}, 60_000);

afterAll(async () => {
  if (primary.exitCode === null) primary.kill("SIGKILL");
  await database.drop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const trpcData = <T extends z.ZodType>(json: T) =>
  z.object({ result: z.object({ data: z.object({ json }) }) });

describe("pnpm start with WEB_CONCURRENCY=2", () => {
  it("serves one port from two processes that share sessions", async () => {
    const tab = new Browser(baseUrl);
    expect((await signIn(tab, "member@demo.guild", DEMO_PASSWORD)).status).toBe(200);
    // Fresh connections are dealt out in turn, so a dozen reach both workers; the session
    // cookie signed by one is accepted by the other (one AUTH_SECRET, sessions in PostgreSQL).
    for (let i = 0; i < 12; i++) {
      const response = await tab.request("/api/trpc/organization.current", {
        headers: { "x-guild-org": "demo", connection: "close" },
      });
      expect(response.status).toBe(200);
    }
    const pids = await waitFor("requests logged by two workers", () =>
      servedBy().size >= 2 ? servedBy() : undefined,
    );
    expect(new Set(pids.values()).size).toBe(2);
  });

  it("shares the primary's embedded S3 server between the workers", async () => {
    const tab = new Browser(baseUrl);
    expect((await signIn(tab, "member@demo.guild", DEMO_PASSWORD)).status).toBe(200);
    const demo = { "x-guild-org": "demo", connection: "close" };
    const picture = new Uint8Array(40);
    picture.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const started = await readJson(
      await tab.post(
        "/api/trpc/member.startAvatarUpload",
        { json: { name: "me.png", size: picture.length, contentType: "image/png" } },
        demo,
      ),
      trpcData(
        z.object({ file: z.object({ id: z.string() }), upload: z.object({ url: z.string() }) }),
      ),
    );
    const { file, upload } = started.result.data.json;
    const put = await fetch(upload.url, {
      method: "PUT",
      body: new Blob([picture], { type: "image/png" }),
      headers: { "content-type": "image/png" },
    });
    expect(put.status).toBe(200);
    const confirmed = await tab.post(
      "/api/trpc/file.confirmUpload",
      { json: { id: file.id } },
      demo,
    );
    expect(confirmed.status).toBe(200);
    const org = await readJson(
      await tab.request("/api/trpc/organization.current", { headers: demo }),
      trpcData(z.object({ id: z.string() })),
    );
    // Fresh connections reach both workers: each serves the picture from the same store.
    for (let i = 0; i < 6; i++) {
      const served = await tab.request(`/api/files/${org.result.data.json.id}/${file.id}`, {
        headers: { connection: "close" },
      });
      expect(served.status).toBe(200);
      expect((await served.arrayBuffer()).byteLength).toBe(picture.length);
    }
  });

  it("replaces a worker that dies, and stops everything on SIGTERM", async () => {
    const [victim] = servedBy().keys();
    if (victim === undefined) throw new Error("no worker seen");
    // A young worker's death counts toward a crash loop: it is replaced after a 1 s back-off.
    process.kill(victim, "SIGKILL");
    // The replacement shows in the logs once it has served: keep asking on fresh connections.
    await waitFor("a replacement worker", () => {
      void fetch(new URL("/healthz", baseUrl), { headers: { connection: "close" } }).catch(
        () => {},
      );
      const pids = [...servedBy().keys()].filter((pid) => pid !== victim && alive(pid));
      return pids.length >= 2 ? pids : undefined;
    });
    expect((await fetch(new URL("/healthz", baseUrl))).status).toBe(200);

    const workers = [...servedBy().keys()].filter(alive);
    const exit = new Promise<string>((resolve) =>
      primary.once("exit", (code, signal) => resolve(`${code} ${signal}`)),
    );
    primary.kill("SIGTERM");
    expect(await exit).toBe("0 null");
    expect(workers.filter(alive)).toEqual([]);
    await expect(fetch(new URL("/healthz", baseUrl))).rejects.toThrow();
  }, 40_000);

  it("gives up with exit code 1 when workers keep crashing, leaving none behind", async () => {
    const lines: string[] = [];
    const looping = spawnPrimary({ WORKER_RESTART_DELAY_MS: "20" }, (line) => lines.push(line));
    const exit = new Promise<number | null>((resolve) => looping.once("exit", resolve));
    await waitFor("the banner", () => lines.find((l) => l.includes("Guild is running")));
    const primaryPid = looping.pid ?? 0;
    // Every worker dies as soon as it is up: a crash loop. Restarts come after 20, 40, 80, 160,
    // 320 ms; the sixth death in a row of one slot stops everything.
    const killed = new Set<number>();
    while (looping.exitCode === null) {
      for (const pid of childrenOf(primaryPid))
        if (!killed.has(pid)) {
          killed.add(pid);
          try {
            process.kill(pid, "SIGKILL");
          } catch (error) {
            // Listed a moment ago, gone now (the primary stops its last workers as it gives
            // up): that is a death too, not a failure of the test.
            if (!(error instanceof Error && "code" in error && error.code === "ESRCH")) throw error;
          }
        }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await exit).toBe(1);
    expect(killed.size).toBeGreaterThanOrEqual(6);
    expect([...killed].filter(alive)).toEqual([]);
    expect(lines.some((l) => l.includes("a worker keeps crashing: stopping"))).toBe(true);
  }, 40_000);
});
