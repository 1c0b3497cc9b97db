// The production server exactly as `pnpm start` runs it (env from process.env, validated by the
// server's own schema), on a free port on 127.0.0.1.
import { env } from "../../apps/server/src/env";
import { startServer } from "../../apps/server/src/server";
import { announceReady } from "./ready";

const server = await startServer({ env, port: 0 });
announceReady(server.port, () => server.close());
