// How the signed-in app's own code is cut into chunks. Left to itself, the bundler makes one chunk
// per set of screens that share a module: the leads screen loaded 33 of them (most under 1 kB)
// besides the entry's. Lighthouse's phone speaks HTTP/1.1 to our server over 6 connections on a
// slow network, so every chunk costs a round trip or more before the screen's first paint, and
// it was the number of chunks, not their bytes, that set the screen's first paint (issue 9).
//
// So the code every signed-in screen runs (the authed layout, the sidebar shell and what it
// imports) and the small modules several signed-in screens share go into ONE chunk, `app`; the
// data table (its component and TanStack Table/Virtual) into another, `data-table`, since the
// dashboard does not use it. Each screen's own module stays a chunk of its own, loaded with its
// route (routes stay lazy), and so do the parts loaded on demand (React.lazy: charts, menus,
// the command palette) and libraries only some screens use (menus, drag and drop): a module goes
// into `app` only if it brings no library along that the shell does not load anyway.
//
// The signed-out screens (sign-in, sign-up, pricing...) must not download the signed-in app
// (sign-in has a budget, e2e bundle-budget.test.ts): what they reach stays out of `app`; the
// small modules they share (a form field, a limit) go into one chunk, `common-ui`. And a group
// takes only the modules chosen here, not their imports as well (includeDependenciesRecursively,
// on by default, would pull the entry's and the auth client's modules into `app`, and sign-in
// would then download it).
import type { Rolldown } from "vite";
import type { RoutePattern } from "./route-preloads.ts";

type Group = Rolldown.CodeSplittingGroup;
type Context = Parameters<Extract<Group["name"], (...args: never[]) => unknown>>[1];
type ModuleInfo = NonNullable<ReturnType<Context["getModuleInfo"]>>;

const NODE_MODULES = /[\\/]node_modules[\\/]/;
const DATA_TABLE =
  /[\\/](src[\\/]components[\\/]data-table[\\/]|node_modules[\\/]@tanstack[\\/](react-table|table-core|react-virtual|virtual-core)[\\/])/;

/**
 * The groups for the signed-in app, given the routes (build/route-preloads.ts reads them) and
 * the modules of the layouts every signed-in screen sits in (`shell`).
 */
export function signedInGroups(routes: RoutePattern[], shell: string[]): Group[] {
  const publicRoutes = new Set(routes.filter((r) => !r.signedIn).flatMap((r) => r.lazy));
  const routeModules = new Set(routes.flatMap((r) => r.lazy));
  const shellModules = new Set(shell);
  // Per module: the modules loaded on their own (the entry, routes, React.lazy) that import it
  // statically, directly or through others: whoever loads one of them loads this module.
  const owners = new Map<string, Set<string>>();
  const publicReach = new Map<string, boolean>();

  const info = (ctx: Context, id: string): ModuleInfo | null => ctx.getModuleInfo(id);
  const isLoadedAlone = (m: ModuleInfo) => m.isEntry || m.dynamicImporters.length > 0;

  function ownersOf(ctx: Context, id: string): Set<string> {
    const known = owners.get(id);
    if (known) return known;
    // Up the static imports: every module on the way that is loaded on its own.
    const result = new Set<string>();
    const seen = new Set([id]);
    const queue = [id];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      const m = info(ctx, next);
      if (!m) continue;
      if (isLoadedAlone(m)) result.add(next);
      for (const importer of m.importers)
        if (!seen.has(importer)) {
          seen.add(importer);
          queue.push(importer);
        }
    }
    owners.set(id, result);
    return result;
  }

  /** Loaded by the entry or by a signed-out screen, directly or through a React.lazy part. */
  function isPublic(ctx: Context, id: string, visiting = new Set<string>()): boolean {
    const known = publicReach.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return false;
    visiting.add(id);
    let result = false;
    for (const owner of ownersOf(ctx, id)) {
      const m = info(ctx, owner);
      if (!m) continue;
      if (m.isEntry || publicRoutes.has(owner)) result = true;
      // A screen's module is imported (lazily) by the entry's route tree: what decides is
      // whether the screen is behind sign-in. Another lazy part is public if a public module
      // loads it.
      else if (routeModules.has(owner)) result = false;
      else if (m.dynamicImporters.some((importer) => isPublic(ctx, importer, visiting)))
        result = true;
      if (result) break;
    }
    visiting.delete(id);
    if (visiting.size === 0) publicReach.set(id, result);
    return result;
  }

  /** Already loaded on every signed-in screen: by the entry, or by the shell (`shell` chunk). */
  const everywhere = (ctx: Context, id: string, withShell: boolean) =>
    [...ownersOf(ctx, id)].some((o) => info(ctx, o)?.isEntry || (withShell && shellModules.has(o)));

  /**
   * Whether a module adds no library to what is loaded anyway (`everywhere`): a small shared
   * component may go into a common chunk, but not with a menu or dialog library behind it
   * (that would make every screen download it).
   */
  function light(
    ctx: Context,
    id: string,
    withShell: boolean,
    group = /^$/,
    visiting = new Set<string>(),
  ): boolean {
    if (visiting.has(id)) return true;
    visiting.add(id);
    for (const dep of info(ctx, id)?.importedIds ?? []) {
      if (everywhere(ctx, dep, withShell) || group.test(dep)) continue;
      if (NODE_MODULES.test(dep) || !light(ctx, dep, withShell, group, visiting)) return false;
    }
    return true;
  }

  const name = (id: string, ctx: Context): string | null => {
    const m = info(ctx, id);
    if (!m) return null;
    // The entry's own modules (the API client, error helpers, shared schemas) run before any
    // screen. Left to the bundler, a module the entry shares with a lazy part whose importer sits
    // in a group (the sidebar's New space dialog, loaded from the shell in `app`) is cut into a
    // chunk of its own: ten small extra requests on every screen. One `boot` chunk instead.
    if (everywhere(ctx, id, false)) return NODE_MODULES.test(id) ? null : "boot";
    const moduleOwners = ownersOf(ctx, id);
    const shared = moduleOwners.size >= 2 && !isLoadedAlone(m) && !NODE_MODULES.test(id);
    if (isPublic(ctx, id))
      // Small modules the signed-out screens share with others (a form field, a limit): one
      // chunk, which a signed-in screen may fetch too.
      return shared && light(ctx, id, false) ? "common-ui" : null;
    // The layouts every signed-in screen runs and what they import: the shell. Another lazy
    // module (a screen, a deferred menu) stays a chunk of its own.
    if (isLoadedAlone(m)) return shellModules.has(id) ? "app" : null;
    if ([...moduleOwners].some((o) => shellModules.has(o))) return "app";
    // The data table with its libraries, but not its menus (they load on demand).
    if (DATA_TABLE.test(id)) return light(ctx, id, true, DATA_TABLE) ? "data-table" : null;
    // Libraries not in the shell (menus, drag and drop, CSV parsing...) go with the screens that
    // use them, not into every screen's download; so does a module of a single screen.
    return shared && light(ctx, id, true) ? "app" : null;
  };

  return [{ name, debugName: "signed-in app", includeDependenciesRecursively: false }];
}
