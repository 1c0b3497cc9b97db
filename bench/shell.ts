// Commands the bench runs (the web build, `pnpm test`), each bounded in time: on timeout the
// whole process group is killed, so nothing it started is left behind.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

export interface RunResult {
  code: number | null;
  ms: number;
}

export async function run(
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv; logFile?: string },
): Promise<RunResult> {
  const started = performance.now();
  const log = options.logFile ? createWriteStream(options.logFile) : null;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", log ? "pipe" : "inherit", log ? "pipe" : "inherit"],
  });
  if (log) {
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
  }
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    }
  };
  // If the bench itself is stopped, take the command down with it.
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup("SIGTERM");
    setTimeout(() => killGroup("SIGKILL"), 5_000).unref();
  }, options.timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode) => resolve(exitCode));
  }).finally(() => {
    clearTimeout(timer);
    process.off("exit", onExit);
  });
  await new Promise<void>((resolve) => (log ? log.end(() => resolve()) : resolve()));
  if (timedOut)
    throw new Error(`${command} ${args.join(" ")}: timed out after ${options.timeoutMs / 1000} s`);
  return { code, ms: performance.now() - started };
}
