// `pnpm bench:test-time`: wall time of `pnpm test` (typecheck, lint, every test, e2e) against
// the target of 5 minutes on this 2-core machine, install excluded. `pnpm bench` runs it
// after the load benchmark (`pnpm bench:load` skips it). The full output goes to a log file; the
// summary line is printed.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./shell.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const TARGET_MS = 5 * 60_000;
const TIME_LIMIT_MS = 15 * 60_000;

const logFile = join(await mkdtemp(join(tmpdir(), "guild-test-time-")), "pnpm-test.log");
console.log(
  `timing \`pnpm test\` (output in ${logFile}; stops after ${TIME_LIMIT_MS / 60_000} min)`,
);
const { code, ms } = await run("pnpm", ["test"], {
  cwd: repoRoot,
  timeoutMs: TIME_LIMIT_MS,
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  logFile,
});
const lines = (await readFile(logFile, "utf8")).trimEnd().split("\n");
const seconds = ms / 1000;
console.log(
  [
    "",
    `  pnpm test exit code ${code}; last line: ${lines[lines.length - 1] ?? ""}`,
    `  wall time ${seconds.toFixed(1)} s  target <= ${TARGET_MS / 1000} s  ${ms <= TARGET_MS ? "met" : "MISSED"}`,
  ].join("\n"),
);
process.exit(code === 0 ? 0 : 1);
