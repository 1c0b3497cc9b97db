// The app shell of a signed-in page load carries the first screen's first answers (the session,
// and the organization in the address with its event position: @guild/api's firstLoad) in a
// <script type="application/json">, which the CSP lets through as data: it never runs. Per
// request and per user, so the response is private and revalidated every time.
import {
  FIRST_LOAD_ELEMENT_ID,
  type FirstLoad,
  type FirstLoadPage,
  firstLoadJson,
} from "@guild/api";
import { insertIntoHead } from "./route-preloads.ts";
import type { StaticFile } from "./static-files.ts";

/** Cache-Control of a shell with answers in it: never stored for someone else, never reused unasked. */
export const FIRST_LOAD_CACHE_CONTROL = "private, no-cache";

/**
 * Which page an address loads, for its first answers: the organization slug it names
 * (/o/<slug>/…, as the web app's router reads it), and whether it is that organization's
 * dashboard in its default view (no search).
 */
export function firstLoadPage(url: URL): FirstLoadPage {
  const match = /^\/o\/([^/]+)(.*)$/.exec(url.pathname);
  let organizationSlug: string | null = null;
  try {
    organizationSlug = match?.[1] ? decodeURIComponent(match[1]) : null;
  } catch {
    // Malformed %-escapes: no organization's address.
  }
  const home = match?.[2] === "" || match?.[2] === "/";
  return { organizationSlug, dashboard: home && url.search === "" };
}

/** The shell with the answers in its head. */
export function shellWithFirstLoad(shell: StaticFile, state: FirstLoad): StaticFile {
  const script = `<script type="application/json" id="${FIRST_LOAD_ELEMENT_ID}">${firstLoadJson(state)}</script>`;
  return insertIntoHead(shell, script, "fast") ?? shell;
}
