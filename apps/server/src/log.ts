import { inspect } from "node:util";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type Logger = ReturnType<typeof createLogger>;

/** Where finished lines go: stdout, or stderr for warnings and errors. */
export type LogSink = (line: string, level: Exclude<LogLevel, "silent">) => void;

const standardStreams: LogSink = (line, level) =>
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);

/** Structured logs: one JSON object a line, so they can be shipped and queried as they are. */
export function createLogger(
  level: LogLevel,
  base: Record<string, unknown> = {},
  sink: LogSink = standardStreams,
) {
  const write = (
    at: Exclude<LogLevel, "silent">,
    msg: string,
    fields?: Record<string, unknown>,
  ) => {
    if (order[at] < order[level]) return;
    sink(
      JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...base, ...fields }),
      at,
    );
  };
  return {
    level,
    debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
    info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
    warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
    error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
  };
}

/** A value a library logged, as text a JSON line can carry (an Error with its stack). */
export function describeLogged(value: unknown): string {
  if (value instanceof Error) return value.stack ?? String(value);
  return typeof value === "string" ? value : inspect(value, { depth: 3, breakLength: Infinity });
}
