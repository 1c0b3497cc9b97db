// The child side of the bench's process protocol: report the port once listening, and stop when
// the parent says so (SIGTERM) or goes away (IPC channel closed), so no server outlives a bench.
export interface ReadyMessage {
  port: number;
}

export function announceReady(port: number, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  process.once("disconnect", shutdown);
  const message: ReadyMessage = { port };
  process.send?.(message);
}
