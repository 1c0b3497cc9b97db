import { type Database, eq, member, organization, type TenantScope } from "@guild/db";
import type { z } from "zod";
import { AppError, notFound, pgErrorCode } from "../errors.ts";
import type { createOrganizationInput, updateOrganizationInput } from "../schemas/organization.ts";
import { endTiersOfOrganization } from "./member-tier-ending.ts";
import { logoUrlOf } from "./organization-logo.ts";

/** Longer than an upload URL lives (services/file.ts), so a late PUT is swept as well. */
const STORAGE_PURGE_DELAY_MS = 30 * 60_000;

const slugTaken = () => new AppError("CONFLICT", "This slug is already taken", { field: "slug" });

export async function isSlugAvailable(db: Database, slug: string): Promise<boolean> {
  const found = await db.query.organization.findFirst({
    columns: { id: true },
    where: eq(organization.slug, slug),
  });
  return !found;
}

/** Creates the organization with the creator as its owner, atomically. */
export async function createOrganization(
  db: Database,
  userId: string,
  input: z.output<typeof createOrganizationInput>,
) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organization)
      .values({ name: input.name, slug: input.slug })
      .onConflictDoNothing({ target: organization.slug })
      .returning();
    if (!org) throw slugTaken();
    await tx.insert(member).values({ organizationId: org.id, userId, role: "owner" });
    return org;
  });
}

/** The organizations a user belongs to, with their role, oldest membership first. */
export async function listMyOrganizations(db: Database, userId: string) {
  return db
    .select({
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      role: member.role,
      joinedAt: member.createdAt,
    })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId))
    .orderBy(member.createdAt);
}

export async function getOrganization(scope: TenantScope) {
  const [org] = await scope.db
    .select()
    .from(organization)
    .where(eq(organization.id, scope.organizationId));
  if (!org) throw notFound("Organization");
  return { ...org, logoUrl: await logoUrlOf(scope) };
}

export async function updateOrganization(
  scope: TenantScope,
  input: z.output<typeof updateOrganizationInput>,
) {
  // A slug taken by another organization: RLS hides that row from the tenant role, so the unique
  // constraint is what finds it (23505 → CONFLICT on the slug field).
  try {
    const [org] = await scope.db
      .update(organization)
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.slug ? { slug: input.slug } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.accentColor !== undefined ? { accentColor: input.accentColor } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.showPublicPosts !== undefined ? { showPublicPosts: input.showPublicPosts } : {}),
        ...(input.joinPolicy !== undefined ? { joinPolicy: input.joinPolicy } : {}),
        // A new time zone or first day of the week moves every period: migration 0062's trigger
        // rebuilds the organization's XP standings in this transaction.
        ...(input.weekStartsOn !== undefined ? { weekStartsOn: input.weekStartsOn } : {}),
      })
      .where(eq(organization.id, scope.organizationId))
      .returning();
    if (!org) throw notFound("Organization");
    return { ...org, logoUrl: await logoUrlOf(scope) };
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw slugTaken();
    throw error;
  }
}

/** Deletes the organization and, by cascade, everything in it. The name must be typed back. */
export async function removeOrganization(scope: TenantScope, confirmName: string) {
  const org = await getOrganization(scope);
  if (org.name !== confirmName.trim())
    throw new AppError("BAD_REQUEST", "The name does not match", { field: "confirmName" });
  // Its files' rows go by cascade, and their objects with them (the file_deleted trigger's jobs).
  // Later, once every upload URL it handed out has expired, its whole prefix is swept too.
  await scope.enqueue(
    "organization.purgeStorage",
    {},
    { runAt: new Date(scope.now().getTime() + STORAGE_PURGE_DELAY_MS) },
  );
  // Paying members stop paying: their tier subscriptions are canceled at Stripe (a job each).
  await endTiersOfOrganization(scope);
  await scope.db.delete(organization).where(eq(organization.id, scope.organizationId));
  return { id: scope.organizationId };
}
