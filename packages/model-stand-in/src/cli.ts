#!/usr/bin/env node
// Runs the stand-in alone: `pnpm --filter @guild/model-stand-in start` (or `node src/cli.ts`).
// LLM_STAND_IN_PORT (default 12112), LLM_STAND_IN_TOKEN_DELAY_MS (default 5).
import { startModelStandIn } from "./server.ts";

const standIn = await startModelStandIn({
  port: Number(process.env.LLM_STAND_IN_PORT ?? 12112),
  host: process.env.LLM_STAND_IN_HOST ?? "127.0.0.1",
  tokenDelayMs: Number(process.env.LLM_STAND_IN_TOKEN_DELAY_MS ?? 5),
});
console.log(`Model stand-in (OpenAI chat completions) on ${standIn.baseURL}`);
console.log(`  model: ${standIn.model}; faults: POST ${standIn.url}/_stand-in/faults`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void standIn.close().then(() => process.exit(0));
  });
}
