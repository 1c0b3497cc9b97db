// The production server exactly as `pnpm start` runs it (env from process.env, validated by the
// server's own schema; one process per core unless WEB_CONCURRENCY says otherwise), on a free
// port on 127.0.0.1.
import { startCluster, workerCount } from "../../apps/server/src/cluster.ts";
import { env } from "../../apps/server/src/env.ts";
import { startServer } from "../../apps/server/src/server.ts";
import { announceReady } from "./ready.ts";

const workers = workerCount(env);
const server =
  workers > 1 ? await startCluster({ env, workers, port: 0 }) : await startServer({ env, port: 0 });
announceReady(server.port, () => server.close());
