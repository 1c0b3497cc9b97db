import { createHmac, timingSafeEqual } from "node:crypto";
import type { Auth, AuthSession } from "@guild/auth";
import { type Clock, type Database, systemClock } from "@guild/db";
import type { Storage } from "@guild/storage";
import type { AiDeps } from "./ai/model.ts";
import { ORG_HEADER } from "./org-header.ts";
import type { EventBus } from "./realtime/bus.ts";
import type { StripeDeps } from "./services/stripe-client.ts";

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
  /** Stripe, or the local stand-in; null where billing is not configured. */
  stripe?: StripeDeps | null;
  /** The language model (or the local stand-in, ai/model.ts); null where none is configured. */
  ai?: AiDeps | null;
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
  /**
   * The answer's headers, for the few procedures that set a cookie (an admin's impersonation
   * swaps the session cookie): the fetch adapter's resHeaders; a test passes its own to read them.
   */
  responseHeaders?: Headers | null;
}

/**
 * Cookie values whose signature was already checked, with their token: a signed value is the
 * same proof every time, and creating an HMAC cost ~15 µs, on every organization request. Only
 * the signature is remembered: whether the session still exists and is unexpired is read from
 * the database on each request. Bounded, oldest first out; one cache per secret.
 */
const MAX_VERIFIED = 10_000;
const verifiedBySecret = new Map<string, Map<string, string>>();

function verifiedCache(secret: string): Map<string, string> {
  let cache = verifiedBySecret.get(secret);
  if (!cache) {
    cache = new Map();
    verifiedBySecret.set(secret, cache);
  }
  return cache;
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
    const cache = verifiedCache(secret);
    const known = cache.get(value);
    if (known !== undefined) return known;
    const dot = value.lastIndexOf(".");
    if (dot < 1) return null;
    const token = value.slice(0, dot);
    const signature = Buffer.from(value.slice(dot + 1), "base64");
    const expected = createHmac("sha256", secret).update(token).digest();
    if (!(signature.length === expected.length && timingSafeEqual(signature, expected)))
      return null;
    if (cache.size >= MAX_VERIFIED) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(value, token);
    return token;
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
    /** Which Stripe billing talks to (public config: the stand-in's "test mode" banner). */
    stripeMode: deps.stripe?.mode ?? null,
    /** The Stripe client for billing procedures (null: billing is not configured here). */
    stripe: deps.stripe ?? null,
    /** The language model for AI procedures (null: no model configured here). */
    ai: deps.ai ?? null,
    /** The app's secret (better-auth's), for services that seal what they hand out. */
    secret,
    clock,
    now: () => clock.now(),
    headers: opts.headers,
    responseHeaders: opts.responseHeaders ?? null,
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
