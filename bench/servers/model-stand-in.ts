// The model stand-in in a process of its own (so its CPU is not the bench client's), on a free
// port on 127.0.0.1; MODEL_STAND_IN_TOKEN_DELAY_MS paces its streamed tokens.
import { startModelStandIn } from "../../packages/model-stand-in/src/server.ts";
import { announceReady } from "./ready.ts";

const standIn = await startModelStandIn({
  port: 0,
  tokenDelayMs: Number(process.env.MODEL_STAND_IN_TOKEN_DELAY_MS ?? 5),
});
announceReady(standIn.port, () => standIn.close());
