// A cluster worker (see cluster.ts): serves HTTP on the database the primary prepared. Node's
// cluster module shares the primary's listening socket, so every worker answers on one port.
import { env } from "./env.ts";
import { startServer } from "./server.ts";
import { closeOnSignals } from "./signals.ts";

const server = await startServer({ env, databaseReady: true });
closeOnSignals(server.close);
