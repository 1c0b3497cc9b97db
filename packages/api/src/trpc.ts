import { isBanned, type MemberRole, NotAMemberError, withSessionMembership } from "@guild/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Context } from "./context.ts";
import { fieldOf, toTRPCError } from "./errors.ts";
import { hasRole } from "./roles.ts";
import { transformer } from "./transformer.ts";

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

const t = initTRPC.context<Context>().create({
  transformer,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof z.ZodError ? z.flattenError(error.cause) : null;
    const field = fieldOf(error.cause);
    // An unexpected error's message and stack can hold SQL, its parameters or other internals:
    // the host logs them (createFetchHandler's onError); the caller only learns that it failed.
    // (tRPC sends stacks outside production; other errors' stacks hold nothing of that kind.)
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const { stack, ...data } = shape.data;
    return {
      ...shape,
      message: internal ? INTERNAL_ERROR_MESSAGE : shape.message,
      data: {
        ...data,
        ...(stack && !internal ? { stack } : {}),
        // Field → messages, for forms: from zod input validation or a domain error's field.
        fieldErrors: zod?.fieldErrors ?? (field ? { [field]: [error.message] } : null),
        formErrors: zod?.formErrors ?? null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped && mapped !== result.error) throw mapped;
  }
  return result;
});

const suspended = () => new TRPCError({ code: "FORBIDDEN", message: "This account is suspended" });

/** Anyone. */
export const publicProcedure = t.procedure.use(mapErrors);

/** A signed-in user who is not banned. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await ctx.getSession();
  if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const { user } = session;
  if (isBanned(user, ctx.now())) throw suspended();
  return next({ ctx: { session: session.session, user } });
});

/**
 * A member of the organization named by the request. The membership check and the tenant
 * transaction are one: ctx.db is replaced by the TenantDb, so the procedure cannot reach the
 * unscoped database. Any error rolls the transaction back: no partial writes.
 */
export const orgProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.orgSlug)
    throw new TRPCError({ code: "BAD_REQUEST", message: "No organization named in the request" });
  const token = ctx.sessionToken();
  if (!token) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const slug = ctx.orgSlug;
  const committed: Array<() => Promise<void>> = [];
  const result = await withSessionMembership(ctx.db, { token, slug }, async (tx, user, member) => {
    if (isBanned(user, ctx.now())) throw suspended();
    if (!member) throw new NotAMemberError(slug);
    const out = await next({
      ctx: {
        db: tx,
        organizationId: member.organizationId,
        member,
        user,
        /**
         * Work that talks to the outside world (mail, later Stripe) once the transaction has
         * committed: it holds no connection or row lock meanwhile, and never acts on a write
         * that was rolled back. Runs in order before the procedure answers; a failure is the
         * procedure's error, with its writes already committed.
         */
        afterCommit: (task: () => Promise<void>) => {
          committed.push(task);
        },
      },
    });
    if (!out.ok) throw out.error;
    return out;
  });
  if (!result) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  for (const task of committed) await task();
  return result;
});

/** A member whose role is at least `min` (owner > admin > moderator > member). */
export function roleProcedure(min: MemberRole) {
  return orgProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.member.role, min))
      throw new TRPCError({ code: "FORBIDDEN", message: `Only ${min}s and above can do this` });
    return next();
  });
}

/** What an organization procedure's resolver gets (for helpers that build service deps). */
export type OrgContext = Parameters<Parameters<typeof orgProcedure.query>[0]>[0]["ctx"];
