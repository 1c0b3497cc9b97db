// An admin acting as a user (issue 10 §3), to see what they see. Started and stopped through
// the admin procedures, never better-auth's own /admin/* endpoints (turned off in
// packages/auth): each is one transaction with its audit row. The impersonation is a session of
// the user's, marked impersonatedBy (better-auth's admin plugin field) and ending
// IMPERSONATION_MINUTES after it started: never refreshed (packages/auth keeps its expiry), and
// its cookie expires with it. The admin's own session is kept aside in better-auth's signed
// admin_session cookie, as its plugin does, and comes back on stop. Another admin, a banned
// user or oneself cannot be impersonated; an impersonation cannot start another (the admin
// rung refuses impersonation sessions).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Auth } from "@guild/auth";
import { and, type Database, eq, session, user } from "@guild/db";
import { AppError, notFound } from "../errors.ts";
import { isPlatformAdmin } from "../rungs/platform-admin.ts";
import { IMPERSONATION_MINUTES } from "../schemas/admin.ts";
import { type AuditActor, recordAudit } from "./audit-log.ts";

interface CookieAttributes {
  path?: string | undefined;
  httpOnly?: boolean | undefined;
  secure?: boolean | undefined;
  sameSite?: string | undefined;
}

/** better-call's signed cookie value: `value.base64(HMAC-SHA256(secret, value))`, URI-encoded. */
function signed(value: string, secret: string): string {
  const signature = createHmac("sha256", secret).update(value).digest("base64");
  return encodeURIComponent(`${value}.${signature}`);
}

/** A signed cookie's value, if its signature is ours. */
function unsigned(raw: string, secret: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = decoded.lastIndexOf(".");
  if (dot < 1) return null;
  const value = decoded.slice(0, dot);
  const given = Buffer.from(decoded.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(value).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

function cookieLine(
  name: string,
  value: string,
  attributes: CookieAttributes,
  maxAgeSeconds: number | null,
): string {
  const sameSite = attributes.sameSite
    ? `${attributes.sameSite.charAt(0).toUpperCase()}${attributes.sameSite.slice(1).toLowerCase()}`
    : null;
  return [
    `${name}=${value}`,
    `Path=${attributes.path ?? "/"}`,
    ...(maxAgeSeconds === null ? [] : [`Max-Age=${maxAgeSeconds}`]),
    ...(attributes.httpOnly === false ? [] : ["HttpOnly"]),
    ...(attributes.secure ? ["Secure"] : []),
    ...(sameSite ? [`SameSite=${sameSite}`] : []),
  ].join("; ");
}

function readCookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq >= 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** What the impersonation procedures need of the request. */
export interface ImpersonationRequest {
  db: Database;
  auth: Auth;
  headers: Headers;
  responseHeaders: Headers | null;
  now: () => Date;
}

async function cookieNames(auth: Auth) {
  const context = await auth.$context;
  return {
    secret: context.secret,
    sessionName: context.authCookies.sessionToken.name,
    attributes: context.authCookies.sessionToken.attributes,
    adminSessionName: context.createAuthCookie("admin_session").name,
  };
}

function setCookies(request: ImpersonationRequest, lines: string[]) {
  if (!request.responseHeaders)
    throw new Error("impersonation needs the answer's headers to set its cookies");
  for (const line of lines) request.responseHeaders.append("set-cookie", line);
}

export async function startImpersonation(
  request: ImpersonationRequest,
  actor: AuditActor,
  adminSessionToken: string,
  userId: string,
) {
  if (userId === actor.id)
    throw new AppError("BAD_REQUEST", "You cannot impersonate yourself", { field: "userId" });
  const expiresAt = new Date(request.now().getTime() + IMPERSONATION_MINUTES * 60_000);
  const token = randomBytes(32).toString("hex");
  const target = await request.db.transaction(async (tx) => {
    const [found] = await tx
      .select({
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        banned: user.banned,
      })
      .from(user)
      .where(eq(user.id, userId));
    if (!found) throw notFound("User");
    if (isPlatformAdmin(found.role))
      throw new AppError("FORBIDDEN", "Platform admins cannot be impersonated");
    if (found.banned) throw new AppError("CONFLICT", "A banned user cannot be impersonated");
    await tx.insert(session).values({
      token,
      userId: found.id,
      expiresAt,
      impersonatedBy: actor.id,
      ipAddress: actor.ip,
      userAgent: actor.userAgent,
    });
    await recordAudit(tx, actor, {
      action: "user.impersonate.start",
      targetType: "user",
      targetId: found.id,
      details: { email: found.email, expiresAt: expiresAt.toISOString() },
    });
    return found;
  });
  const names = await cookieNames(request.auth);
  const maxAge = IMPERSONATION_MINUTES * 60;
  setCookies(request, [
    cookieLine(names.sessionName, signed(token, names.secret), names.attributes, maxAge),
    // better-auth's format (token:dontRememberMe), so its session handling knows the cookie.
    cookieLine(
      names.adminSessionName,
      signed(`${adminSessionToken}:`, names.secret),
      names.attributes,
      maxAge,
    ),
  ]);
  return { user: { id: target.id, name: target.name, email: target.email }, expiresAt };
}

/**
 * Ends the impersonation the request's session is: deletes it, and puts the admin's own session
 * back when its kept-aside cookie still names a live session of the same admin (otherwise the
 * browser is simply signed out).
 */
export async function stopImpersonation(
  request: ImpersonationRequest,
  current: { token: string; userId: string; impersonatedBy: string | null | undefined },
  ip: { ip: string | null; userAgent: string | null },
) {
  const adminId = current.impersonatedBy;
  if (!adminId) throw new AppError("BAD_REQUEST", "You are not impersonating anyone");
  const names = await cookieNames(request.auth);
  const kept = readCookie(request.headers, names.adminSessionName);
  const adminToken = kept ? unsigned(kept, names.secret)?.split(":")[0] : undefined;
  const restored = await request.db.transaction(async (tx) => {
    const [admin] = await tx.select({ email: user.email }).from(user).where(eq(user.id, adminId));
    await tx.delete(session).where(eq(session.token, current.token));
    await recordAudit(
      tx,
      { id: adminId, email: admin?.email ?? "(deleted)", ...ip },
      { action: "user.impersonate.stop", targetType: "user", targetId: current.userId },
    );
    if (!adminToken) return null;
    const [own] = await tx
      .select({ expiresAt: session.expiresAt })
      .from(session)
      .where(and(eq(session.token, adminToken), eq(session.userId, adminId)));
    return own ?? null;
  });
  const expired = (name: string) => cookieLine(name, "", names.attributes, 0);
  setCookies(request, [
    restored && adminToken
      ? cookieLine(
          names.sessionName,
          signed(adminToken, names.secret),
          names.attributes,
          Math.max(0, Math.floor((restored.expiresAt.getTime() - request.now().getTime()) / 1000)),
        )
      : expired(names.sessionName),
    expired(names.adminSessionName),
  ]);
  return { restored: restored !== null };
}
