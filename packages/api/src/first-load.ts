// What the first screen of a signed-in page load asks for before anything else, answered while
// the server prepares the page: the host puts it into the app shell (apps/server: app.ts), and
// the web app's tRPC client answers those first calls from it (apps/web: lib/first-load.ts).
// On a phone each of these was a round trip in sequence before the screen could ask for its own
// data: the session (the guard of every signed-in screen), then the organization (the layout,
// and whether the member sees the CRM).
import { type ApiDeps, createContext, type RequestMeta } from "./context.ts";
import type { FirstLoad, FirstLoadAnswer } from "./first-load-shape.ts";
import { ORG_HEADER } from "./org-header.ts";
import { hasCrmAccess } from "./policies/lead.ts";
import { appRouter } from "./root.ts";
import { allTimeSalesReportInput, recentLeadsInput } from "./schemas/dashboard-inputs.ts";
import { transformer } from "./transformer.ts";
import { createCallerFactory } from "./trpc.ts";

const callerFactory = createCallerFactory(appRouter);
const callerFor = async (deps: ApiDeps, request: RequestMeta) =>
  callerFactory(await createContext(deps, { ...request, connectionParams: null }));

/** Organization slugs as the app makes them (schemas/organization.ts; a longer one is no slug). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Which page is loading. */
export interface FirstLoadPage {
  /** The organization its address names (/o/<slug>/…), if any. */
  organizationSlug: string | null;
  /**
   * The organization's dashboard in its default view (/o/<slug> without a search): its sales
   * report and latest leads come along for the CRM's staff (their wait was the screen's).
   */
  dashboard: boolean;
}

/**
 * The first answers for a page request: null without a valid session (a signed-out visitor gets
 * a shell without any). With an organization's slug, that organization as the member sees it
 * (organization.current) and its event position, when the user is a member; otherwise only the
 * session, and the web app asks for the rest and shows what it answers (Not found).
 */
export async function firstLoad(
  deps: ApiDeps,
  request: RequestMeta,
  page: FirstLoadPage,
): Promise<FirstLoad | null> {
  const account = await callerFor(deps, request);
  const session = await account.me.session();
  if (!session) return null;
  const answers: FirstLoadAnswer[] = [
    { org: null, path: "me.session", result: transformer.serialize(session) },
  ];
  const slug = page.organizationSlug;
  if (!slug || slug.length > 40 || !SLUG.test(slug)) return { answers, events: null };
  const headers = new Headers(request.headers);
  headers.set(ORG_HEADER, slug);
  const organization = await callerFor(deps, { ...request, headers });
  // The position first: everything read after it reflects every event up to it.
  const position = await organization.realtime.position().catch(() => null);
  if (!position) return { answers, events: null };
  const current = await organization.organization.current();
  const answer = (path: string, input: unknown, result: unknown): FirstLoadAnswer => ({
    org: slug,
    path,
    ...(input === undefined ? {} : { input }),
    result: transformer.serialize(result),
  });
  answers.push(answer("organization.current", undefined, current));
  if (page.dashboard && hasCrmAccess(current.membership)) {
    const [report, recent] = await Promise.all([
      organization.lead.salesReport(allTimeSalesReportInput),
      organization.lead.list(recentLeadsInput),
    ]);
    answers.push(answer("lead.salesReport", allTimeSalesReportInput, report));
    answers.push(answer("lead.list", recentLeadsInput, recent));
  }
  return { answers, events: { org: slug, lastEventId: position.lastEventId } };
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
