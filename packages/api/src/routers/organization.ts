import type { TRPCRouterRecord } from "@trpc/server";
import { rateLimitPerUser } from "../rate-limit.ts";
import { logoUploadInput } from "../schemas/file.ts";
import {
  createOrganizationInput,
  organizationSlug,
  removeOrganizationInput,
  slugAvailableInput,
  updateOrganizationInput,
} from "../schemas/organization.ts";
import { myAvatar } from "../services/member.ts";
import { onboardingProgress } from "../services/onboarding.ts";
import {
  createOrganization,
  getOrganization,
  isSlugAvailable,
  listMyOrganizations,
  removeOrganization,
  updateOrganization,
} from "../services/organization.ts";
import { removeLogo, startLogoUpload } from "../services/organization-logo.ts";
import { authedProcedure, orgProcedure, roleProcedure } from "../trpc.ts";
import { uploadRateLimit } from "./file.ts";

/**
 * The signed-in person's organizations (`me.organizations`): listing and creating them is not
 * scoped to one.
 */
export const myOrganizationsRouter = {
  list: authedProcedure.query(({ ctx }) => listMyOrganizations(ctx.db, ctx.user.id)),
  // Slugs are first come, first served: each user gets 10 attempts a day, failed ones included.
  create: authedProcedure
    .concat(
      rateLimitPerUser("organization.create", {
        max: 10,
        windowSeconds: 24 * 3600,
        what: "organizations created",
      }),
    )
    .input(createOrganizationInput)
    .mutation(({ ctx, input }) => createOrganization(ctx.db, ctx.user.id, input)),
  slugAvailable: authedProcedure.input(slugAvailableInput).query(async ({ ctx, input }) => {
    const parsed = organizationSlug.safeParse(input.slug);
    if (!parsed.success)
      return { available: false, reason: parsed.error.issues[0]?.message ?? "Invalid slug" };
    const available = await isSlugAvailable(ctx.db, parsed.data);
    return { available, reason: available ? null : "This slug is already taken" };
  }),
} satisfies TRPCRouterRecord;

/** The organization the request names (`x-guild-org`). */
export const organizationRouter = {
  /** The organization named by the request, with the caller's membership. */
  current: orgProcedure.query(async ({ ctx }) => ({
    ...(await getOrganization(ctx.scope)),
    // What the web's policies judge (@guild/api/policies/*): the same actor the API checks.
    membership: {
      memberId: ctx.member.memberId,
      role: ctx.member.role,
      crmAccess: ctx.member.crmAccess,
      ...(await myAvatar(ctx.scope)),
    },
  })),
  /** The new owner's checklist: each step of services/onboarding.ts and whether it is done. */
  onboarding: roleProcedure("owner").query(({ ctx }) => onboardingProgress(ctx.scope)),
  update: roleProcedure("admin")
    .input(updateOrganizationInput)
    .mutation(({ ctx, input }) => updateOrganization(ctx.scope, input)),
  /** A new logo (confirmed through file.confirmUpload, which replaces the old one). */
  startLogoUpload: roleProcedure("admin")
    .concat(uploadRateLimit)
    .input(logoUploadInput)
    .mutation(({ ctx, input }) => startLogoUpload(ctx.scope, ctx.storage, input)),
  removeLogo: roleProcedure("admin").mutation(({ ctx }) => removeLogo(ctx.scope)),
  remove: roleProcedure("owner")
    .input(removeOrganizationInput)
    .mutation(({ ctx, input }) => removeOrganization(ctx.scope, input.confirmName)),
} satisfies TRPCRouterRecord;
