// What the first screen of a signed-in page load asks for before anything else, answered while
// the server prepares the page: the host puts it into the app shell (apps/server: app.ts), and
// the web app's tRPC client answers those first calls from it (apps/web: lib/first-load.ts).
// On a phone each of these was a round trip in sequence before the screen could ask for its own
// data: the session (the guard of every signed-in screen), then the organization (the layout,
// and whether the member sees the CRM).
import { type ApiDeps, createContext, type RequestMeta } from "./context.ts";
import type { FirstLoad, FirstLoadAnswer } from "./first-load-shape.ts";
import { ORG_HEADER } from "./org-header.ts";
import { appRouter } from "./root.ts";
import { transformer } from "./transformer.ts";
import { createCallerFactory } from "./trpc.ts";

const callerFactory = createCallerFactory(appRouter);
const callerFor = async (deps: ApiDeps, request: RequestMeta) =>
  callerFactory(await createContext(deps, { ...request, connectionParams: null }));

/** Organization slugs as the app makes them (schemas/organization.ts; a longer one is no slug). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The first answers for a page request: null without a valid session (a signed-out visitor gets
 * a shell without any). With an organization's slug, that organization as the member sees it
 * (organization.current) and its event position, when the user is a member; otherwise only the
 * session, and the web app asks for the rest and shows what it answers (Not found).
 */
export async function firstLoad(
  deps: ApiDeps,
  request: RequestMeta,
  organizationSlug: string | null,
): Promise<FirstLoad | null> {
  const account = await callerFor(deps, request);
  const session = await account.me.session();
  if (!session) return null;
  const answers: FirstLoadAnswer[] = [
    { org: null, path: "me.session", result: transformer.serialize(session) },
  ];
  if (!organizationSlug || organizationSlug.length > 40 || !SLUG.test(organizationSlug))
    return { answers, events: null };
  const headers = new Headers(request.headers);
  headers.set(ORG_HEADER, organizationSlug);
  const organization = await callerFor(deps, { ...request, headers });
  // The position first: the organization read after it reflects every event up to it.
  const position = await organization.realtime.position().catch(() => null);
  if (!position) return { answers, events: null };
  const current = await organization.organization.current();
  answers.push({
    org: organizationSlug,
    path: "organization.current",
    result: transformer.serialize(current),
  });
  return { answers, events: { org: organizationSlug, lastEventId: position.lastEventId } };
}

/**
 * The JSON for a `<script type="application/json">` element: nothing in it can end the element
 * (`</script>`, `<!--`) or be read as markup, whatever the user typed into a name.
 */
export function firstLoadJson(state: FirstLoad): string {
  return JSON.stringify(state).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
