// A cluster worker (see cluster.ts): serves HTTP on the database the primary prepared. Node's
// cluster module shares the primary's listening socket, so every worker answers on one port.
import { env } from "./env.ts";
import { startServer } from "./server.ts";
import { closeOnSignals } from "./signals.ts";

const server = await startServer({ env, databaseReady: true });
closeOnSignals(server.close);
// Listening is not serving: the primary counts a worker as started once its app answers (a
// request meanwhile would get the 503 that covers start-up).
process.send?.({ type: "guild:ready" });
