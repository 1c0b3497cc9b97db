// Bench servers run in child processes, so the load generator never shares their event loop.
import { type ChildProcess, fork } from "node:child_process";
import type { ReadyMessage } from "./servers/ready.ts";

export interface BenchServer {
  name: string;
  pid: number;
  port: number;
  url: string;
  stop(): Promise<void>;
}

function isReady(message: unknown): message is ReadyMessage {
  return typeof message === "object" && message !== null && "port" in message;
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Forks `script` (TypeScript, run by Node's type stripping) with `env` added to this process's environment and
 * waits for it to report its port. Its output is kept and shown only if it fails to start.
 */
export async function startServerProcess(options: {
  name: string;
  script: string;
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  execArgv?: string[];
  startTimeoutMs?: number;
}): Promise<BenchServer> {
  const child = fork(options.script, [], {
    execArgv: options.execArgv ?? [],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    if (!(await waitForExit(child, 10_000))) {
      child.kill("SIGKILL");
      await waitForExit(child, 2_000);
    }
  };

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`did not start within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.on("message", (message: unknown) => {
        if (!isReady(message)) return;
        clearTimeout(timer);
        resolve(message.port);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`exited during start (code ${code}, signal ${signal})`));
      });
    });
    return { name: options.name, pid: child.pid ?? 0, port, url: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw new Error(`${options.name} server: ${String(error)}\n${output}`);
  }
}
