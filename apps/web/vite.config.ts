import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { noChunkCycles } from "./build/chunk-cycles.ts";
import { signedInGroups } from "./build/chunk-groups.ts";
import { fontPreload } from "./build/font-preload.ts";
import { precompress } from "./build/precompress.ts";
import { layoutModules, readRoutes, routePreloads } from "./build/route-preloads.ts";

// The screens' routes, read from their files: which code is signed-in only (build/chunk-groups.ts).
const routes = await readRoutes(fileURLToPath(new URL("src/routes", import.meta.url)));

// In development the Guild server mounts Vite as middleware on its own port (one origin for the
// app, the API and auth cookies); `vite build` writes dist/, which `pnpm start` serves.
export default defineConfig({
  plugins: [react(), tailwindcss(), fontPreload(), routePreloads(), precompress(), noChunkCycles()],
  // Workers are ES modules (new Worker(url, { type: "module" })), files of their own under
  // assets/, which the CSP's worker-src 'self' allows.
  worker: { format: "es" },
  build: {
    outDir: "dist",
    // Maps are written for debugging a build locally or uploading to an error tracker, but the
    // bundles don't point at them and the server never serves them: they hold the whole source.
    sourcemap: "hidden",
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // Helpers the router uses too: apart, or the charts chunk would load with every page.
            {
              name: "shared",
              test: /node_modules[\\/](use-sync-external-store|tiny-invariant|tiny-warning)[\\/]/,
            },
            // The chart library: fetched with the first chart (React.lazy), not by every screen,
            // and one long-cached chunk for every screen that draws one.
            { name: "charts", test: /node_modules[\\/]uplot[\\/]/ },
            // What every screen runs on (routing, queries, the API client): one long-cached chunk.
            // Everything else from node_modules (menus, drag and drop, toasts, the auth client)
            // goes into the chunks of the screens that import it, so the signed-out screens
            // don't download the signed-in app's libraries.
            {
              name: "vendor",
              test: /node_modules[\\/](@tanstack[\\/](react-router|router-core|history|store|react-store|query-core|react-query)|@trpc[\\/][a-z-]+)[\\/]/,
            },
            // The signed-in app's own code in a few chunks instead of dozens (build/chunk-groups.ts).
            ...signedInGroups(routes, layoutModules(routes)),
          ],
        },
      },
    },
  },
});
