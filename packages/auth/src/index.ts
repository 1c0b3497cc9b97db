import {
  account,
  type Database,
  rateLimit,
  session,
  twoFactor as twoFactorTable,
  user,
  verification,
} from "@guild/db";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin, twoFactor } from "better-auth/plugins";
import type { Mailer } from "./mailer";

export { createMailer, DevMailbox, type Mail, type Mailer, type StoredMail } from "./mailer";

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
  /** Turn rate limiting off (load benchmarks only). */
  disableRateLimit?: boolean;
}

export const MIN_PASSWORD_LENGTH = 8;

export function initAuth(options: AuthOptions) {
  const { mailer } = options;
  const signInMax = options.signInAttemptsPerMinute ?? 5;
  return betterAuth({
    appName: "Guild",
    baseURL: options.baseURL,
    basePath: "/api/auth",
    secret: options.secret,
    trustedOrigins: [options.baseURL, ...(options.trustedOrigins ?? [])],
    database: drizzleAdapter(options.db, {
      provider: "pg",
      schema: { user, session, account, verification, twoFactor: twoFactorTable, rateLimit },
    }),
    advanced: {
      database: { generateId: "uuid" },
      // better-auth turns its origin, CSRF and callback-URL checks off when NODE_ENV=test (read
      // from process.env at import, so a server's own env cannot turn them back on). Keep them
      // on everywhere: a test or e2e run should exercise the same protections as production.
      disableOriginCheck: false,
      // The server overwrites x-forwarded-for with the socket address unless it sits behind a
      // trusted proxy, so a client cannot pick its own rate-limit key.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      requireEmailVerification: true,
      revokeSessionsOnPasswordReset: true,
      async sendResetPassword({ user: u, url }) {
        await mailer.send({
          to: u.email,
          subject: "Reset your Guild password",
          text: `Someone asked to reset the password of your Guild account. If it was you, open:\n${url}\nIf not, ignore this mail.`,
          link: url,
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      async sendVerificationEmail({ user: u, url }) {
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
      storage: "database",
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
}

export type Auth = ReturnType<typeof initAuth>;
export type AuthSession = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;
