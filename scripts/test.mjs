#!/usr/bin/env node
// `pnpm test`: every check the project has, in one run that keeps going after a failure.
//   1. typecheck  turbo run typecheck (tsc --noEmit in every package): 1 passed/failed per package
//   2. lint       biome check .: 1 passed/failed
//   3. vitest     the root vitest run (all packages, apps and examples, one embedded PostgreSQL)
//   4. e2e        Playwright in Debian chromium against the built app (e2e/)
// Counts come from turbo's run summary and vitest's JSON reporter, not from scraping logs.
// The last line is exactly `N passed, N failed` (CI reads it); the exit code is 1 if anything failed.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "guild-test-"));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };
const MINUTE = 60_000;

let current = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (current?.pid) killTree(current.pid, signal);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
}

function killTree(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs a command with inherited output in its own process group; resolves with its exit code. */
function run(command, args, { cwd = root, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.stdout.write(
        `\n${command} ${args.join(" ")}: timed out after ${timeoutMs / MINUTE} min\n`,
      );
      killTree(child.pid, "SIGTERM");
      setTimeout(() => killTree(child.pid, "SIGKILL"), 10_000).unref();
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      process.stdout.write(`could not start ${command}: ${error.message}\n`);
      resolve({ code: 127, timedOut });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      current = null;
      resolve({ code: code ?? (signal ? 128 : 1), timedOut });
    });
  });
}

function banner(title) {
  process.stdout.write(`\n━━━ ${title} ${"━".repeat(Math.max(0, 70 - title.length))}\n`);
}

async function typecheck() {
  const started = Date.now();
  const { code } = await run(
    "pnpm",
    ["exec", "turbo", "run", "typecheck", "--continue", "--summarize", "--output-logs=errors-only"],
    { timeoutMs: 10 * MINUTE },
  );
  const runsDir = join(root, ".turbo/runs");
  const summaries = (() => {
    try {
      return readdirSync(runsDir)
        .map((f) => join(runsDir, f))
        .filter((f) => f.endsWith(".json") && statSync(f).mtimeMs >= started - 1000)
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    } catch {
      return [];
    }
  })();
  if (summaries.length === 0)
    return { passed: 0, failed: 1, detail: `no turbo run summary (turbo exited ${code})` };
  const summary = JSON.parse(readFileSync(summaries[0], "utf8"));
  const failedTasks = summary.tasks
    .filter((t) => t.execution?.exitCode !== 0)
    .map((t) => t.package);
  const passed = summary.tasks.length - failedTasks.length;
  // turbo failing for a reason of its own (bad config) with every task green is still a failure.
  const extra = code !== 0 && failedTasks.length === 0 ? 1 : 0;
  const detail = failedTasks.length
    ? `failed: ${failedTasks.join(", ")}`
    : extra
      ? `turbo exited ${code}`
      : "";
  return { passed, failed: failedTasks.length + extra, detail };
}

async function lint() {
  const { code } = await run("pnpm", ["exec", "biome", "check", "."], { timeoutMs: 5 * MINUTE });
  return code === 0
    ? { passed: 1, failed: 0, detail: "" }
    : { passed: 0, failed: 1, detail: `biome exited ${code}` };
}

/** A vitest run with the JSON reporter beside the normal one; counts tests, and files that broke. */
async function vitest(name, cwd, timeoutMs) {
  const report = join(scratch, `${name}.json`);
  const { code, timedOut } = await run(
    "pnpm",
    [
      "exec",
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    { cwd, timeoutMs },
  );
  let result;
  try {
    result = JSON.parse(readFileSync(report, "utf8"));
  } catch {
    return {
      passed: 0,
      failed: 1,
      detail: `no JSON report (vitest exited ${code}${timedOut ? ", timed out" : ""})`,
    };
  }
  // A file that fails to load or whose hooks throw has no failed test of its own: count it.
  const brokenFiles = result.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"),
  );
  let failed = result.numFailedTests + brokenFiles.length;
  const details = [];
  if (brokenFiles.length)
    details.push(`broken files: ${brokenFiles.map((f) => f.name.replace(root, "")).join(", ")}`);
  if (code !== 0 && failed === 0) {
    failed = 1;
    details.push(`vitest exited ${code}${timedOut ? " (timed out)" : ""} with no failed test`);
  }
  const skipped = result.numPendingTests + result.numTodoTests;
  if (skipped) details.push(`${skipped} skipped`);
  return { passed: result.numPassedTests, failed, detail: details.join("; ") };
}

const steps = [
  ["typecheck", typecheck],
  ["lint", lint],
  ["vitest", () => vitest("vitest", root, 15 * MINUTE)],
  // 7 min last session, past 10 now: the a11y sweep covers billing's and the console's screens
  // in both themes at two widths (262 s of it on 2 cores). A cap, not a target.
  ["e2e", () => vitest("e2e", join(root, "e2e"), 20 * MINUTE)],
];

const runStarted = Date.now();
const results = [];
for (const [name, step] of steps) {
  banner(name);
  const started = Date.now();
  let outcome;
  try {
    outcome = await step();
  } catch (error) {
    outcome = {
      passed: 0,
      failed: 1,
      detail: `harness error: ${error instanceof Error ? error.message : error}`,
    };
  }
  const seconds = (Date.now() - started) / 1000;
  results.push({ name, ...outcome, seconds });
  process.stdout.write(
    `\n${outcome.failed ? "✗" : "✓"} ${name}: ${outcome.passed} ok / ${outcome.failed} not ok in ${seconds.toFixed(1)} s${outcome.detail ? ` (${outcome.detail})` : ""}\n`,
  );
}
rmSync(scratch, { recursive: true, force: true });

const wall = (Date.now() - runStarted) / 1000;
banner("summary");
for (const r of results)
  process.stdout.write(
    `${r.failed ? "✗" : "✓"} ${r.name.padEnd(10)} ${String(r.passed).padStart(4)} ok ${String(r.failed).padStart(4)} not ok ${r.seconds.toFixed(1).padStart(7)} s${r.detail ? `  ${r.detail}` : ""}\n`,
  );
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(
  `wall time ${wall.toFixed(1)} s (${Math.floor(wall / 60)}m${Math.floor(wall % 60)}s)\n`,
);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed ? 1 : 0;
