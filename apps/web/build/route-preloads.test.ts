// The build's reading of the route files (build/route-preloads.ts), checked against the files:
// a route it missed or misplaced would load its screen's code late again, with nothing failing.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { layoutModules, readRoutes } from "./route-preloads.ts";

const routesDir = fileURLToPath(new URL("../src/routes/", import.meta.url));

async function sources(dir: string): Promise<Array<{ file: string; text: string }>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return Promise.all(
    entries
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts"))
      .map(async (e) => {
        const file = join(e.parentPath, e.name);
        return { file, text: await readFile(file, "utf8") };
      }),
  );
}

describe("the routes the build preloads", () => {
  it("finds every screen, at the address its lazy module names", async () => {
    const files = await sources(routesDir);
    const routes = await readRoutes(routesDir);
    // Each lazy module declares its route's id: the address with the layouts' ids in it.
    const layouts = files.flatMap(({ text }) => {
      const id = /createRoute\(\{\s*getParentRoute: \(\) => \w+,\s*id: "([^"]+)"/.exec(text)?.[1];
      return id ? [id] : [];
    });
    expect(layouts.sort()).toEqual(["authed", "guest"]);
    const lazyIds = new Map(
      files.flatMap(({ file, text }) => {
        // The formatter puts a long id on a line of its own.
        const id = /createLazyRoute\(\s*"([^"]+)",?\s*\)/.exec(text)?.[1];
        return id ? [[file, id] as const] : [];
      }),
    );
    // Every lazy module is some screen's or some layout's.
    const used = new Set(routes.flatMap((r) => r.lazy));
    expect([...lazyIds.keys()].filter((f) => !used.has(f))).toEqual([]);

    for (const route of routes) {
      const leaf = route.lazy.at(-1);
      if (!leaf) continue;
      const id = lazyIds.get(leaf) ?? "";
      const address = id
        .split("/")
        .filter((s) => s && !layouts.includes(s))
        .join("/");
      expect(`/${address}`, leaf).toBe(route.path);
    }
  });

  it("lists the layouts' lazy modules before the screen's, and marks what needs a session", async () => {
    const routes = await readRoutes(routesDir);
    const find = (path: string) => {
      const route = routes.find((r) => r.path === path);
      return route && { ...route, lazy: route.lazy.map((f) => f.slice(routesDir.length)) };
    };
    expect(find("/o/$slug/leads")).toEqual({
      path: "/o/$slug/leads",
      signedIn: true,
      lazy: ["authed.lazy.tsx", "organization.lazy.tsx", "leads/leads.lazy.tsx"],
    });
    expect(find("/o/$slug")).toEqual({
      path: "/o/$slug",
      signedIn: true,
      lazy: ["authed.lazy.tsx", "organization.lazy.tsx", "organization-dashboard.lazy.tsx"],
    });
    expect(find("/sign-in")).toEqual({
      path: "/sign-in",
      signedIn: false,
      lazy: ["sign-in.lazy.tsx"],
    });
    // One route per address: layouts are not screens.
    expect(new Set(routes.map((r) => r.path)).size).toBe(routes.length);
  });

  it("names as the signed-in shell the layouts most screens sit in, not the admin's", async () => {
    const routes = await readRoutes(routesDir);
    const shell = layoutModules(routes).map((f) => f.slice(routesDir.length));
    expect(shell.sort()).toEqual(["authed.lazy.tsx", "organization.lazy.tsx"]);
  });
});
