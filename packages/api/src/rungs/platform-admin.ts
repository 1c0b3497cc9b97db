// The platform admin's rung (issue 10 §3): people `pnpm db:setup-admin` gave the platform role
// "admin" (user.role, better-auth's admin plugin field; not an organization role). Built on
// authedProcedure, so a banned admin is refused first (FORBIDDEN) like everywhere else. Anyone
// else gets NOT_FOUND, the answer for a path that does not exist: the console does not announce
// itself. An impersonation session is never an admin's, whoever the user it shows: the admin
// acting as someone must not also act as admin (and a role granted meanwhile changes nothing).
import { TRPCError } from "@trpc/server";
import { authedProcedure } from "../trpc.ts";

/** Whether a better-auth role field (comma-separated roles) holds the platform admin role. */
export function isPlatformAdmin(role: string | null | undefined): boolean {
  return (role ?? "").split(",").some((r) => r.trim() === "admin");
}

export const platformAdminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!isPlatformAdmin(ctx.user.role) || ctx.session.impersonatedBy)
    throw new TRPCError({ code: "NOT_FOUND", message: "Not found" });
  return next({
    ctx: {
      /** Who acts, as the audit log records them, and where from. */
      actor: { id: ctx.user.id, email: ctx.user.email, ...ctx.request },
    },
  });
});
