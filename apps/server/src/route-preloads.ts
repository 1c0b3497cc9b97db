// The app shell, per address: index.html plus <link>s to the files of the screen at that address
// (dist/route-preloads.json, written by the web build: apps/web/build/route-preloads.ts). The
// browser then fetches the screen's code alongside the entry; without them it asks only once the
// entry has run, checked the session and matched the route. Each distinct shell is built and
// compressed once and kept, like the build's other files (static-files.ts).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { z } from "zod";
import type { StaticFile } from "./static-files.ts";

const preloadsFile = z.object({
  routes: z.array(
    z.object({
      path: z.string(),
      signedIn: z.boolean(),
      scripts: z.array(z.string()),
      styles: z.array(z.string()),
    }),
  ),
});
type Route = z.infer<typeof preloadsFile>["routes"][number];

const segments = (path: string) => path.split("/").filter(Boolean);

/**
 * The route whose pattern the path matches (`$name` takes any one segment), preferring the one
 * with more fixed segments: /o/x/leads/new is the new-lead form, not a lead whose id is "new".
 */
export function matchRoute<T extends { path: string }>(routes: T[], pathname: string): T | null {
  const parts = segments(pathname);
  let best: T | null = null;
  let bestFixed = -1;
  for (const route of routes) {
    const pattern = segments(route.path);
    if (pattern.length !== parts.length) continue;
    let fixed = 0;
    const matches = pattern.every((p, i) => {
      if (p.startsWith("$")) return true;
      fixed++;
      return p === parts[i];
    });
    if (matches && fixed > bestFixed) {
      best = route;
      bestFixed = fixed;
    }
  }
  return best;
}

// Hashed file names from our own build; escaped all the same, as anything put into HTML.
const attribute = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The <link>s for a route: its CSS (the screen needs it to paint) and its modules. */
export function preloadLinks(route: Route): string {
  return [
    ...route.styles.map((f) => `<link rel="stylesheet" crossorigin href="/${attribute(f)}">`),
    ...route.scripts.map((f) => `<link rel="modulepreload" crossorigin href="/${attribute(f)}">`),
  ].join("");
}

/** better-auth's session cookie (with its __Secure- prefix over https). Only a hint: the app checks. */
export const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=[^;]/;

/**
 * The shell for a request: index.html with the links of the screen at its path. A screen behind
 * sign-in gets its links only when the request carries a session cookie, as a visitor without
 * one is sent to sign-in and would download a screen it never sees. Without a preloads file (an
 * older build) or a matching route, the plain shell.
 */
export function createShells(root: string, shell: () => Promise<StaticFile | null>) {
  const routes = readFile(join(root, "route-preloads.json"), "utf8").then(
    (text) => preloadsFile.parse(JSON.parse(text)).routes,
    () => [],
  );
  const shells = new Map<string, Promise<StaticFile | null>>();
  return async (pathname: string, cookie: string | undefined): Promise<StaticFile | null> => {
    const route = matchRoute(await routes, pathname);
    if (!route || (route.signedIn && !SESSION_COOKIE.test(cookie ?? ""))) return shell();
    let built = shells.get(route.path);
    if (!built) {
      built = shell().then((plain) => plain && withLinks(plain, preloadLinks(route)));
      shells.set(route.path, built);
    }
    return built;
  };
}

function withLinks(plain: StaticFile, links: string): StaticFile {
  if (!links) return plain;
  return insertIntoHead(plain, links, "best") ?? plain;
}

/**
 * The file with `fragment` inserted before `</head>`, compressed again: "best" for a shell built
 * once and kept, "fast" for one built per request. Null without a `</head>`.
 */
export function insertIntoHead(
  plain: StaticFile,
  fragment: string,
  compression: "best" | "fast",
): StaticFile | null {
  const html = Buffer.from(plain.body).toString("utf8");
  const at = html.indexOf("</head>");
  if (at === -1) return null;
  const text = `${html.slice(0, at)}${fragment}${html.slice(at)}`;
  const body = new Uint8Array(Buffer.from(text));
  const best = compression === "best";
  return {
    body,
    br: new Uint8Array(
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5 } }),
    ),
    gzip: new Uint8Array(gzipSync(body, { level: best ? 9 : 6 })),
  };
}
