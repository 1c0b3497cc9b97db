import { createHmac, timingSafeEqual } from "node:crypto";
import type { Auth, AuthSession } from "@guild/auth";
import { type Clock, type Database, systemClock } from "@guild/db";
import type { Storage } from "@guild/storage";
import { ORG_HEADER } from "./org-header.ts";
import type { EventBus } from "./realtime/bus.ts";

/** Everything a request needs, injected by the host (apps/server, an example, a test). */
export interface ApiDeps {
  db: Database;
  auth: Auth;
  /** Public origin of the web app, for links. */
  appUrl: string;
  /** The one clock (default: the system's). Tests pass one they can move. */
  clock?: Clock;
  /** Object storage (S3 API): uploads, downloads, public files. */
  storage: Storage;
  /** This process's LISTEN connection, feeding the event streams (realtime.events). */
  realtime: EventBus;
}

/** What the host knows about a request beyond its headers. */
export interface RequestMeta {
  headers: Headers;
  /** The client's address as the host determined it (socket, or a trusted proxy's header). */
  clientAddress?: string | null;
  /**
   * A subscription's connection parameters (httpSubscriptionLink sends them in the URL), only
   * for subscriptions: EventSource cannot send headers, so an event stream names its
   * organization here (`org`) instead of in x-guild-org. Queries and mutations stay header-only.
   */
  connectionParams?: Record<string, string | undefined> | null;
}

/**
 * better-auth's session token from its cookie, if its HMAC signature is valid (no DB, sync).
 * Only the one cookie name better-auth itself reads (with the __Secure- prefix over https), and
 * its first occurrence, as better-auth's cookie parser takes: organization calls and everything
 * better-auth answers must see the same user, whatever other cookies a request carries.
 */
export function verifiedSessionToken(
  headers: Headers,
  cookieName: string,
  secret: string,
): string | null {
  const cookie = headers.get("cookie");
  // Without a secret every signature would "verify" against an empty key: fail closed.
  if (!cookie || !secret) return null;
  for (const part of cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== cookieName) continue;
    const value = safeDecode(part.slice(eq + 1).trim());
    if (value === null) return null;
    const dot = value.lastIndexOf(".");
    if (dot < 1) return null;
    const token = value.slice(0, dot);
    const signature = Buffer.from(value.slice(dot + 1), "base64");
    const expected = createHmac("sha256", secret).update(token).digest();
    return signature.length === expected.length && timingSafeEqual(signature, expected)
      ? token
      : null;
  }
  return null;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null; // malformed %-escapes: not a cookie we issued
  }
}

export async function createContext(deps: ApiDeps, opts: RequestMeta) {
  let sessionPromise: Promise<AuthSession | null> | undefined;
  const { authCookies, secret } = await deps.auth.$context;
  const clock = deps.clock ?? systemClock;
  return {
    db: deps.db,
    auth: deps.auth,
    appUrl: deps.appUrl,
    storage: deps.storage,
    realtime: deps.realtime,
    clock,
    now: () => clock.now(),
    headers: opts.headers,
    /** For the activity log. */
    request: {
      ip: opts.clientAddress ?? null,
      userAgent: opts.headers.get("user-agent")?.slice(0, 512) ?? null,
    },
    /** The organization the web app named for this request (see architecture.md). */
    orgSlug:
      (opts.headers.get(ORG_HEADER) ?? opts.connectionParams?.org)?.trim().toLowerCase() || null,
    sessionToken: () => verifiedSessionToken(opts.headers, authCookies.sessionToken.name, secret),
    /** Looked up once, and only by procedures that need it: public ones pay nothing. */
    getSession(): Promise<AuthSession | null> {
      sessionPromise ??= deps.auth.api.getSession({ headers: opts.headers });
      return sessionPromise;
    },
  };
}

export type Context = Awaited<ReturnType<typeof createContext>>;
