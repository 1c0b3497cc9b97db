import {
  account,
  type Database,
  eq,
  rateLimit,
  session,
  twoFactor as twoFactorTable,
  user,
  verification,
} from "@guild/db";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { admin, twoFactor } from "better-auth/plugins";
import { isOneLine, MAX_NAME_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem } from "./limits.ts";
import type { Mailer } from "./mailer.ts";
import {
  type AuthRouteOf,
  authRoutes,
  routeKeyedStorage,
  SIGN_IN_FAILURES,
  signInThrottle,
} from "./throttle.ts";

export { confirmIdentity, type IdentityCheck } from "./identity.ts";
export {
  isOneLine,
  MAX_NAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  newPasswordProblem,
  PASSWORD_TOO_SHORT,
} from "./limits.ts";
export {
  createMailer,
  DevMailbox,
  describeMail,
  type Mail,
  type Mailer,
  type StoredMail,
} from "./mailer.ts";
export { type AuthRouteOf, SIGN_IN_FAILURES } from "./throttle.ts";

export interface AuthOptions {
  db: Database;
  secret: string;
  /** Public origin of the app, e.g. http://localhost:3000. */
  baseURL: string;
  /** Origins allowed to call the auth API with cookies (the Vite dev origin in development). */
  trustedOrigins?: string[];
  mailer: Mailer;
  /** Sign-in attempts allowed per IP in a minute before 429. */
  signInAttemptsPerMinute?: number;
  /** Failed sign-ins allowed per account in a window before 429 (default SIGN_IN_FAILURES). */
  signInFailuresPerAccount?: { max: number; windowSeconds: number };
  /** Turn rate limiting off (load benchmarks only). */
  disableRateLimit?: boolean;
  /**
   * Runs mail sends (verification, password reset) without making the request wait for them:
   * with real SMTP a reply that waits for delivery tells apart registered addresses by its
   * timing. Without it, sends are awaited (tests read the mailbox right after the call).
   */
  background?: (task: Promise<unknown>) => void;
  /**
   * Whether a sign-up carrying an invitation link (`invitationId` and `invitationKey`, fields of
   * the sign-up body) proves it owns `email`: the link was mailed there, as a verification link
   * would be. True makes the new account verified, sends no verification mail and signs the
   * person in.
   */
  emailProvenByInvitation?: (input: {
    invitationId: string;
    invitationKey: string;
    email: string;
  }) => Promise<boolean>;
  /**
   * A session was made (a sign-in, or the sign-in after sign-up or verification): the API's
   * learning activity log records it in the person's organizations (services/activity-log.ts).
   */
  onSignIn?: (session: {
    id: string;
    userId: string;
    ipAddress?: string | null | undefined;
    userAgent?: string | null | undefined;
    impersonatedBy?: string | null | undefined;
  }) => Promise<void>;
  /** Where better-auth's own log lines go (default: its console logger). */
  log?: (level: AuthLogLevel, message: string, details: unknown[]) => void;
  /** The least severe level passed to `log`; "silent" turns better-auth's logging off. */
  logLevel?: AuthLogLevel | "silent";
}

export type AuthLogLevel = "debug" | "info" | "warn" | "error";

/**
 * Whether a request's body or query holds a NUL character anywhere (PostgreSQL text refuses
 * it). A loop, not recursion: a forged body nested 100,000 levels deep must not overflow the stack.
 */
function holdsNul(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.includes("\0")) return true;
    } else if (value && typeof value === "object") {
      for (const child of Object.values(value)) pending.push(child);
    }
  }
  return false;
}

/** The id of the user a sign-up answered with ({ token, user }), if it is one. */
function createdUserId(returned: unknown): string | null {
  if (!returned || typeof returned !== "object" || !("user" in returned)) return null;
  const created: unknown = returned.user;
  if (!created || typeof created !== "object" || !("id" in created)) return null;
  return typeof created.id === "string" ? created.id : null;
}

const MAX_IMAGE_URL_LENGTH = 2048;

/** Where a new password is chosen, and the body field that holds it. */
const NEW_PASSWORD_FIELDS = new Map([
  ["/sign-up/email", "password"],
  ["/reset-password", "newPassword"],
  ["/change-password", "newPassword"],
]);

/**
 * A new password too short is refused with the app's sentence (limits.ts) under better-auth's
 * code, before better-auth answers its own "Password too short".
 */
function checkNewPassword(path: string, body: unknown): void {
  const field = NEW_PASSWORD_FIELDS.get(path);
  if (!field || !body || typeof body !== "object") return;
  const value: unknown = Object.getOwnPropertyDescriptor(body, field)?.value;
  if (typeof value !== "string") return;
  const problem = newPasswordProblem(value);
  if (problem) throw new APIError("BAD_REQUEST", { code: "PASSWORD_TOO_SHORT", message: problem });
}

/** Where a person's name and image are written. */
const PROFILE_PATHS = new Set(["/sign-up/email", "/update-user"]);

/**
 * A person's name and image as sign-up and update-user write them: better-auth checks neither
 * type nor size, so `{"name": null}` failed as a 500 and `{"name": {}}` stored "[object Object]".
 * The name goes into mails, so it is one line of at most MAX_NAME_LENGTH characters.
 */
function checkProfileFields(body: unknown): void {
  if (!body || typeof body !== "object") return;
  const refuse = (message: string) => new APIError("BAD_REQUEST", { message });
  if ("name" in body) {
    const { name } = body;
    if (typeof name !== "string" || name.trim() === "") throw refuse("Enter your name");
    if (name.trim().length > MAX_NAME_LENGTH)
      throw refuse(`Name must be at most ${MAX_NAME_LENGTH} characters`);
    if (!isOneLine(name)) throw refuse("Use a single line, without control characters");
  }
  if ("image" in body && body.image !== null) {
    const { image } = body;
    if (typeof image !== "string" || image.length > MAX_IMAGE_URL_LENGTH)
      throw refuse("Image must be a URL of at most 2,048 characters");
    // Whatever shows it later puts it in an <img src> or a link: javascript: or data: would run.
    if (!URL.canParse(image) || !["https:", "http:"].includes(new URL(image).protocol))
      throw refuse("Image must be an http or https URL");
  }
}

export function initAuth(options: AuthOptions) {
  const { mailer } = options;
  const signInMax = options.signInAttemptsPerMinute ?? 5;
  const throttle = options.disableRateLimit
    ? null
    : signInThrottle(options.db, options.signInFailuresPerAccount ?? SIGN_IN_FAILURES);
  // Known once the instance exists; the rate limiter only asks for it on requests.
  let routeOf: AuthRouteOf = () => null;
  /** The account's email if it is verified, as stored (null otherwise). */
  async function storedVerifiedEmail(userId: string): Promise<string | null> {
    const [row] = await options.db
      .select({ email: user.email, verified: user.emailVerified })
      .from(user)
      .where(eq(user.id, userId));
    return row?.verified ? row.email : null;
  }

  const auth = betterAuth({
    appName: "Guild",
    baseURL: options.baseURL,
    basePath: "/api/auth",
    secret: options.secret,
    trustedOrigins: [options.baseURL, ...(options.trustedOrigins ?? [])],
    database: drizzleAdapter(options.db, {
      provider: "pg",
      // Multi-step writes (sign-up's user and credential account, a password reset) commit
      // together or not at all.
      transaction: true,
      schema: { user, session, account, verification, twoFactor: twoFactorTable, rateLimit },
    }),
    advanced: {
      database: { generateId: "uuid" },
      ...(options.background ? { backgroundTasks: { handler: options.background } } : {}),
      // better-auth turns its origin, CSRF and callback-URL checks off when NODE_ENV=test (read
      // from process.env at import, so a server's own env cannot turn them back on). Keep them
      // on everywhere: a test or e2e run should exercise the same protections as production.
      disableOriginCheck: false,
      // The server overwrites x-forwarded-for with the socket address unless it sits behind a
      // trusted proxy, so a client cannot pick its own rate-limit key.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    telemetry: { enabled: false },
    ...(options.log
      ? {
          logger: {
            disabled: options.logLevel === "silent",
            level: options.logLevel === "silent" ? "error" : (options.logLevel ?? "info"),
            log: (level: AuthLogLevel, message: string, ...details: unknown[]) =>
              options.log?.(level, message, details),
          },
        }
      : {}),
    hooks: {
      // A NUL would fail as a 500 in PostgreSQL (e.g. a name with "\u0000" on update-user).
      before: createAuthMiddleware(async (ctx) => {
        // The admin plugin's own endpoints (ban, impersonate, set role…) would act without
        // the audit row every admin action writes in its transaction: the console does all of
        // them through its procedures (packages/api routers/admin.ts), so these do not exist.
        if (ctx.path.startsWith("/admin/")) throw new APIError("NOT_FOUND");
        if (holdsNul(ctx.body) || holdsNul(ctx.query))
          throw new APIError("BAD_REQUEST", {
            message: "The request holds an invalid character (NUL)",
          });
        if (PROFILE_PATHS.has(ctx.path)) checkProfileFields(ctx.body);
        checkNewPassword(ctx.path, ctx.body);
        await throttle?.before(ctx.path, ctx.body);
      }),
      after: createAuthMiddleware(async (ctx) => {
        await throttle?.after(ctx.path, ctx.body, ctx.context.returned);
        // better-auth does not sign in after sign-up when verification is required, even for
        // an account created verified. A sign-up answered with a verified account (only one the
        // invitation proved: the answer for a registered address is a made-up unverified user)
        // gets its session here, as autoSignIn would have made it.
        if (ctx.path !== "/sign-up/email") return;
        const created = createdUserId(ctx.context.returned);
        const found = created ? await ctx.context.internalAdapter.findUserById(created) : null;
        if (!found?.emailVerified) return;
        const dontRemember = ctx.body?.rememberMe === false;
        const session = await ctx.context.internalAdapter.createSession(found.id, dontRemember);
        await setSessionCookie(ctx, { session, user: found }, dontRemember);
      }),
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      requireEmailVerification: true,
      revokeSessionsOnPasswordReset: true,
      // Signing up with a registered email answers like a new sign-up (no account enumeration):
      // the made-up user carries the admin plugin's fields as a real new user does, and the
      // owner of the address is told by mail instead.
      customSyntheticUser: ({ coreFields, additionalFields, id }) => ({
        ...coreFields,
        role: "user",
        banned: false,
        banReason: null,
        banExpires: null,
        ...additionalFields,
        id,
      }),
      async onExistingUserSignUp({ user: u }) {
        const url = `${options.baseURL}/forgot-password`;
        await mailer.send({
          to: u.email,
          subject: "You already have a Guild account",
          text: `Someone tried to sign up for Guild with this email address, which already has an account. If it was you, sign in, or reset your password at:\n${url}\nIf not, ignore this mail.`,
          link: url,
        });
      },
      async sendResetPassword({ user: u, url }) {
        await mailer.send({
          to: u.email,
          subject: "Reset your Guild password",
          text: `Someone asked to reset the password of your Guild account. If it was you, open:\n${url}\nIf not, ignore this mail.`,
          link: url,
        });
      },
    },
    databaseHooks: {
      session: {
        create: {
          async after(created) {
            await options.onSignIn?.(created);
          },
        },
        update: {
          // A session is refreshed (its expiry pushed 30 days on) once it is a day old, unless
          // its browser holds the "don't remember me" cookie. An admin's impersonation must end
          // when it said, whatever cookies the browser keeps: its expiry is never moved.
          async before(data, ctx) {
            const current = ctx?.context.session?.session;
            if (!current?.impersonatedBy || !("expiresAt" in data)) return;
            return { data: { ...data, expiresAt: current.expiresAt } };
          },
        },
      },
      user: {
        create: {
          // A sign-up from an invitation link is verified when the invitation proves the address
          // (options.emailProvenByInvitation); any other sign-up verifies by mail as usual.
          async before(newUser, ctx) {
            if (ctx?.path !== "/sign-up/email" || !options.emailProvenByInvitation) return;
            const body: unknown = ctx.body;
            if (!body || typeof body !== "object") return;
            const invitationId = "invitationId" in body ? body.invitationId : undefined;
            const invitationKey = "invitationKey" in body ? body.invitationKey : undefined;
            if (typeof invitationId !== "string" || typeof invitationKey !== "string") return;
            const proven = await options.emailProvenByInvitation({
              invitationId,
              invitationKey,
              email: newUser.email,
            });
            if (proven) return { data: { ...newUser, emailVerified: true } };
          },
        },
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      async sendVerificationEmail({ user: u, url }) {
        // Sign-up sends one whatever the new account holds: an address already verified (the
        // invitation proved it) has nothing to confirm. An email change passes the verified
        // user with the new address, which the stored email tells apart.
        if (u.emailVerified && (await storedVerifiedEmail(u.id)) === u.email) return;
        // Also sent to a new address after an email change, so no "welcome" here.
        await mailer.send({
          to: u.email,
          subject: "Verify your email for Guild",
          text: `Hi ${u.name}, confirm this email address for your Guild account by opening:\n${url}`,
          link: url,
        });
      },
    },
    user: {
      changeEmail: {
        enabled: true,
        async sendChangeEmailConfirmation({ user: u, newEmail, url }) {
          await mailer.send({
            to: u.email,
            subject: "Confirm your new Guild email address",
            text: `Open this link to change your Guild email to ${newEmail}:\n${url}`,
            link: url,
          });
        },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: !options.disableRateLimit,
      customStorage: routeKeyedStorage(options.db, () => routeOf),
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: signInMax },
        "/sign-up/email": { window: 60, max: 10 },
        "/request-password-reset": { window: 60, max: 5 },
        "/two-factor/verify-totp": { window: 60, max: 10 },
        "/two-factor/verify-backup-code": { window: 60, max: 10 },
      },
    },
    plugins: [twoFactor({ issuer: "Guild" }), admin()],
  });
  routeOf = authRoutes(auth.api);
  return auth;
}

export type Auth = ReturnType<typeof initAuth>;

/** The route of a path below /api/auth (e.g. "/reset-password/:token"), or null for no endpoint. */
export function authRouteOf(auth: Auth): AuthRouteOf {
  return authRoutes(auth.api);
}
export type AuthSession = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;
