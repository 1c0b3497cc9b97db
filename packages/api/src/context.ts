import type { Auth, AuthSession, Mailer } from "@guild/auth";
import type { Database } from "@guild/db";

/** Everything a request needs, injected by the host (apps/server, an example, a test). */
export interface ApiDeps {
  db: Database;
  auth: Auth;
  mailer: Mailer;
  /** Public origin of the web app, for links in mails. */
  appUrl: string;
  now?: () => Date;
}

export const ORG_HEADER = "x-guild-org";

export async function createContext(deps: ApiDeps, opts: { headers: Headers }) {
  let sessionPromise: Promise<AuthSession | null> | undefined;
  return {
    db: deps.db,
    auth: deps.auth,
    mailer: deps.mailer,
    appUrl: deps.appUrl,
    now: deps.now ?? (() => new Date()),
    headers: opts.headers,
    /** The organization the web app named for this request (see architecture.md). */
    orgSlug: opts.headers.get(ORG_HEADER)?.trim().toLowerCase() || null,
    /** Looked up once, and only by procedures that need it: public ones pay nothing. */
    getSession(): Promise<AuthSession | null> {
      sessionPromise ??= deps.auth.api.getSession({ headers: opts.headers });
      return sessionPromise;
    },
  };
}

export type Context = Awaited<ReturnType<typeof createContext>>;
