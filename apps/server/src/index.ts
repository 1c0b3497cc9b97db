import { startCluster, workerCount } from "./cluster.ts";
import { env } from "./env.ts";
import { startServer } from "./server.ts";
import { closeOnSignals } from "./signals.ts";

// Production (`pnpm start`) serves the built SPA with one process per core; `pnpm dev` passes
// --vite for HMR and runs a single process.
const vite = process.argv.includes("--vite");
const workers = workerCount(env, { vite });
const starting = workers > 1 ? startCluster({ env, workers }) : startServer({ env, vite });
// Listening from the start: a signal during startup waits for it to finish, then stops cleanly
// (embedded PostgreSQL included) instead of killing the process with PostgreSQL left running.
closeOnSignals(async () => (await starting).close());
const server = await starting;
process.stdout.write(`${server.banner()}\n`);
