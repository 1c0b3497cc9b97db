// Embedded PostgreSQL as `pnpm dev` meets it: a second server on the same data directory (or a
// PostgreSQL left over from a killed one) gets a clear message, not a bare "lock file exists".
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { type EmbeddedDatabase, postmasterPid, startEmbeddedPostgres } from "./embedded.ts";

let root = "";
let first: EmbeddedDatabase | undefined;
afterAll(async () => {
  await first?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

it("refuses to start a second PostgreSQL on a data directory in use, naming the pid", async () => {
  root = await mkdtemp(join(tmpdir(), "guild-embedded-"));
  await chmod(root, 0o755);
  const dataDir = join(root, "postgres");
  first = await startEmbeddedPostgres({ dataDir, persistent: true });
  await expect(startEmbeddedPostgres({ dataDir, persistent: true })).rejects.toThrow(
    /already running on .*postgres \(pid \d+\).*kill \d+/,
  );
  // The first one is untouched and still answers.
  const { default: postgres } = await import("postgres");
  const sql = postgres(first.url, { max: 1 });
  expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
  await sql.end();
}, 60_000);

it("stops a PostgreSQL whose server was killed and starts in its place", async () => {
  const dataDir = join(root, "orphaned");
  // A server that dies without stopping its PostgreSQL: started in a child process, SIGKILLed.
  const server = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { startEmbeddedPostgres } from ${JSON.stringify(fileURLToPath(new URL("./embedded.ts", import.meta.url)))};
       await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, persistent: true, exitHooks: false });
       console.log("up");
       setInterval(() => {}, 1000);`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("up") && resolve());
    server.once("exit", (code) => reject(new Error(`fixture exited ${code}`)));
  });
  const orphan = await postmasterPid(dataDir);
  if (orphan === null) throw new Error("the fixture's PostgreSQL wrote no pid file");
  server.kill("SIGKILL");
  await new Promise((resolve) => server.once("exit", resolve));

  const lines: string[] = [];
  const second = await startEmbeddedPostgres({
    dataDir,
    persistent: true,
    log: (l) => lines.push(l),
  });
  try {
    expect(lines.join("\n")).toContain(`stopping PostgreSQL pid ${orphan}`);
    const { default: postgres } = await import("postgres");
    const sql = postgres(second.url, { max: 1 });
    expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
    await sql.end();
  } finally {
    await second.stop();
  }
  expect(() => process.kill(orphan, 0)).toThrow();
}, 90_000);

it("stop() returns when PostgreSQL has already gone (a Ctrl-C reaches the whole process group)", async () => {
  const dataDir = join(root, "gone");
  const pg = await startEmbeddedPostgres({ dataDir, persistent: true });
  const pid = await postmasterPid(dataDir);
  if (pid === null) throw new Error("PostgreSQL wrote no pid file");
  process.kill(pid, "SIGINT");
  while (existsSync(join(dataDir, "postmaster.pid")))
    await new Promise((resolve) => setTimeout(resolve, 50));
  const started = Date.now();
  await pg.stop();
  expect(Date.now() - started).toBeLessThan(2_000);
}, 60_000);

it("leaves a process's exit code alone: a failed test run still exits non-zero", async () => {
  // What vitest does when a test fails, in a process that loaded embedded PostgreSQL as the
  // tests do (its signal hooks on): set the code and let the event loop drain.
  const exitCodeOf = async (exitHooks: boolean) => {
    const child = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { loadEmbeddedPostgres } from ${JSON.stringify(fileURLToPath(new URL("./embedded.ts", import.meta.url)))};
         await loadEmbeddedPostgres(${exitHooks});
         process.exitCode = 3;`,
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    return new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  };
  expect(await exitCodeOf(true)).toBe(3);
  expect(await exitCodeOf(false)).toBe(3);
}, 30_000);
