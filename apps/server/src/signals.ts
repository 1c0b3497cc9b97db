/** How long a graceful stop may take before the process exits anyway. */
const FORCE_EXIT_MS = 30_000;

/**
 * SIGTERM (orchestrators), SIGINT (Ctrl-C) or SIGHUP (the terminal closed): stop gracefully,
 * embedded PostgreSQL included, then exit. Further signals while
 * stopping are ignored rather than fatal: under a watcher a Ctrl-C can reach the server twice (from
 * the terminal and relayed by the watcher), and the second must not kill it before PostgreSQL
 * is stopped.
 */
export function closeOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`shutdown took over ${FORCE_EXIT_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, FORCE_EXIT_MS).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, onSignal);
}
