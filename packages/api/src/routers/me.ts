import type { TRPCRouterRecord } from "@trpc/server";
import { listMyOrganizations } from "../services/organization.ts";
import { authedProcedure, publicProcedure } from "../trpc.ts";

export const meRouter = {
  /** The signed-in user, or null: lets the web app decide what to show without an error. */
  session: publicProcedure.query(async ({ ctx }) => {
    const session = await ctx.getSession();
    if (!session) return null;
    const { id, name, email, emailVerified, image, twoFactorEnabled } = session.user;
    return {
      id,
      name,
      email,
      emailVerified,
      image,
      twoFactorEnabled: twoFactorEnabled === true,
      /** Lets the sessions list mark "this device". */
      sessionId: session.session.id,
    };
  }),
  organizations: authedProcedure.query(({ ctx }) => listMyOrganizations(ctx.db, ctx.user.id)),
} satisfies TRPCRouterRecord;
