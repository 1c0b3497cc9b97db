import type { TRPCRouterRecord } from "@trpc/server";
import { rateLimitPerUser } from "../rate-limit.ts";
import { isPlatformAdmin } from "../rungs/platform-admin.ts";
import { deleteAccountInput } from "../schemas/account.ts";
import { deleteAccount } from "../services/account.ts";
import { authedProcedure, publicProcedure } from "../trpc.ts";
import { myInvitationsRouter } from "./invitation.ts";
import { myOrganizationsRouter } from "./organization.ts";

/** The signed-in person: their session, account, organizations and the invitations sent to them. */
export const meRouter = {
  /** The signed-in user, or null: lets the web app decide what to show without an error. */
  session: publicProcedure.query(async ({ ctx }) => {
    const session = await ctx.getSession();
    if (!session) return null;
    const { id, name, email, emailVerified, image, twoFactorEnabled, role } = session.user;
    const { impersonatedBy, expiresAt } = session.session;
    return {
      id,
      name,
      email,
      emailVerified,
      image,
      twoFactorEnabled: twoFactorEnabled === true,
      /** Lets the sessions list mark "this device". */
      sessionId: session.session.id,
      /** Opens the platform admin console (never during an impersonation). */
      platformAdmin: isPlatformAdmin(role) && !impersonatedBy,
      /** An admin acting as this user: the banner says so, until when, and offers to stop. */
      impersonation: impersonatedBy ? { endsAt: expiresAt } : null,
    };
  }),
  organizations: myOrganizationsRouter,
  invitations: myInvitationsRouter,
  /**
   * Deletes the signed-in account (password, and code with two-factor on). Every attempt counts
   * against a small budget: a stolen session must not be able to guess the password here.
   */
  deleteAccount: authedProcedure
    .concat(
      rateLimitPerUser("account.delete", {
        max: 5,
        windowSeconds: 15 * 60,
        what: "attempts to delete the account",
      }),
    )
    .input(deleteAccountInput)
    .mutation(({ ctx, input }) => deleteAccount(ctx, ctx.user.id, input)),
} satisfies TRPCRouterRecord;
