export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type Logger = ReturnType<typeof createLogger>;

/** Structured logs: one JSON object a line, so they can be shipped and queried as they are. */
export function createLogger(level: LogLevel, base: Record<string, unknown> = {}) {
  const write = (
    at: Exclude<LogLevel, "silent">,
    msg: string,
    fields?: Record<string, unknown>,
  ) => {
    if (order[at] < order[level]) return;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level: at,
      msg,
      ...base,
      ...fields,
    });
    (at === "error" || at === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
    info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
    warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
    error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
  };
}
