import { env } from "./env";
import { startServer } from "./server";

// Production (`pnpm start`) serves the built SPA; `pnpm dev` passes --vite for HMR.
const server = await startServer({ env, vite: process.argv.includes("--vite") });
process.stdout.write(`${server.banner()}\n`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
