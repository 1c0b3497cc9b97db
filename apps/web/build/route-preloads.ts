// A Vite build plugin: writes dist/route-preloads.json, for each screen's address pattern the
// JavaScript and CSS files its lazy route chunks need beyond what index.html already loads. The
// server (apps/server/src/route-preloads.ts) puts them in the shell it serves for that address
// as <link rel="modulepreload">, so a phone fetches the screen's code alongside the entry instead
// of after the entry has run, asked for the session and matched the route (three round trips on
// a slow connection before the screen's first byte).
//
// The addresses come from the route files themselves (src/routes/**/<name>.tsx), which all have
// one shape: `export const xRoute = createRoute({ getParentRoute: () => yRoute, path: "/p" })`
// (or `id:` for a layout without a path), then `.lazy(() => import("./x.lazy.tsx"))`.
// route-preloads.test.ts checks that this reading finds every route of the router.
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Plugin } from "vite";

export interface RouteDefinition {
  /** The exported name, e.g. leadsRoute. */
  name: string;
  parent: string;
  /** The path segment it adds (`path:`), or null for a layout without one (`id:`). */
  path: string | null;
  /** The lazy module, absolute, or null for a route without one. */
  lazy: string | null;
}

const DEFINITION =
  /export const (\w+) = createRoute\(\{\s*getParentRoute: \(\) => (\w+),\s*(path|id): "([^"]*)"/;
const LAZY = /\.lazy\(\(\) => import\("([^"]+)"\)/;

/** The route definitions of one route file's source (each file defines at most one). */
export function readRouteDefinition(source: string, file: string): RouteDefinition | null {
  const definition = DEFINITION.exec(source);
  if (!definition) return null;
  const [, name = "", parent = "", kind, value = ""] = definition;
  const lazy = LAZY.exec(source)?.[1];
  return {
    name,
    parent,
    path: kind === "path" ? value : null,
    lazy: lazy ? resolve(file, "..", lazy) : null,
  };
}

export interface RoutePattern {
  /** The address pattern as the router writes it, e.g. /o/$slug/leads (no trailing slash). */
  path: string;
  /** Behind sign-in: a visitor without a session is sent to sign-in instead. */
  signedIn: boolean;
  /** The lazy modules of the route and its parents, outermost first. */
  lazy: string[];
}

/** Every screen's route, with its full address and the lazy modules on the way to it. */
export function routePatterns(definitions: RouteDefinition[]): RoutePattern[] {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const chain = (d: RouteDefinition): RouteDefinition[] => {
    const parent = byName.get(d.parent);
    return parent ? [...chain(parent), d] : [d];
  };
  // A route with children is a layout: its address shows one of them (its index route).
  const parents = new Set(definitions.map((d) => d.parent));
  return definitions
    .filter((d) => d.path !== null && !parents.has(d.name))
    .map((d) => {
      const routes = chain(d);
      const path = routes
        .map((r) => r.path ?? "")
        .join("")
        .replace(/\/+/g, "/")
        .replace(/(.)\/$/, "$1");
      return {
        path,
        // The layout that asks for the session (routes/authed.tsx).
        signedIn: routes.some((r) => r.name === "authedRoute"),
        lazy: routes.flatMap((r) => (r.lazy ? [r.lazy] : [])),
      };
    });
}

/**
 * The lazy modules of the layouts most signed-in screens sit in (the authed layout, the
 * organization's), not those of a corner of the app (the platform admin's).
 */
export function layoutModules(routes: RoutePattern[]): string[] {
  const signedIn = routes.filter((r) => r.signedIn);
  const screens = new Map<string, number>();
  for (const route of signedIn)
    for (const layout of route.lazy.slice(0, -1))
      screens.set(layout, (screens.get(layout) ?? 0) + 1);
  return [...screens].filter(([, count]) => count * 2 >= signedIn.length).map(([layout]) => layout);
}

async function routeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return routeFiles(path);
      return /\.tsx?$/.test(e.name) && !/\.(lazy|test)\.tsx?$/.test(e.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

export async function readRoutes(routesDir: string): Promise<RoutePattern[]> {
  const files = await routeFiles(routesDir);
  const definitions = await Promise.all(
    files.map(async (file) => readRouteDefinition(await readFile(file, "utf8"), file)),
  );
  return routePatterns(definitions.filter((d) => d !== null));
}

/** What the server reads: per address pattern, the files to preload. */
export interface RoutePreloads {
  routes: Array<{ path: string; signedIn: boolean; scripts: string[]; styles: string[] }>;
}

export function routePreloads(): Plugin {
  let routesDir = "src/routes";
  return {
    name: "guild-route-preloads",
    apply: "build",
    configResolved(config) {
      routesDir = resolve(config.root, "src/routes");
    },
    async generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((c) => (c.type === "chunk" ? [c] : []));
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      // The chunk a module is in: its own, or a group's (build/chunk-groups.ts puts the
      // signed-in layouts into the `app` chunk).
      const byModule = new Map(chunks.flatMap((c) => c.moduleIds.map((id) => [id, c] as const)));
      // A chunk and everything it imports statically: what loading it costs.
      const closure = (fileName: string, seen: Set<string>) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        for (const imported of byFile.get(fileName)?.imports ?? []) closure(imported, seen);
      };
      // Already in index.html: the entry and its static imports.
      const inShell = new Set<string>();
      for (const c of chunks) if (c.isEntry) closure(c.fileName, inShell);

      const routes: RoutePreloads["routes"] = [];
      for (const route of await readRoutes(routesDir)) {
        const files = new Set<string>();
        for (const lazy of route.lazy) {
          const chunk = byModule.get(lazy);
          if (!chunk) this.error(`route-preloads: no chunk for ${lazy} (${route.path})`);
          closure(chunk.fileName, files);
        }
        const scripts = [...files].filter((f) => !inShell.has(f));
        const styles = [
          ...new Set(scripts.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])])),
        ];
        routes.push({ path: route.path, signedIn: route.signedIn, scripts, styles });
      }
      const preloads: RoutePreloads = { routes };
      this.emitFile({
        type: "asset",
        fileName: "route-preloads.json",
        source: JSON.stringify(preloads),
      });
    },
  };
}
