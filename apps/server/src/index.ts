import { startCluster, workerCount } from "./cluster";
import { env } from "./env";
import { startServer } from "./server";
import { closeOnSignals } from "./signals";

// Production (`pnpm start`) serves the built SPA with one process per core; `pnpm dev` passes
// --vite for HMR and runs a single process.
const vite = process.argv.includes("--vite");
const workers = workerCount(env, { vite });
const server =
  workers > 1 ? await startCluster({ env, workers }) : await startServer({ env, vite });
process.stdout.write(`${server.banner()}\n`);
closeOnSignals(server.close);
