import {
  and,
  type Database,
  eq,
  gte,
  member,
  min,
  organization,
  sql,
  type TenantDb,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound, pgErrorCode, RateLimitedError } from "../errors";
import { inWords } from "../rate-limit";
import type { createOrganizationInput, updateOrganizationInput } from "../schemas/organization";

const slugTaken = () => new AppError("CONFLICT", "This slug is already taken", "slug");

export async function isSlugAvailable(db: Database, slug: string): Promise<boolean> {
  const found = await db.query.organization.findFirst({
    columns: { id: true },
    where: eq(organization.slug, slug),
  });
  return !found;
}

/** New organizations one user may create in a day: slugs are first come, first served. */
export const ORGANIZATIONS_PER_DAY = 10;
const DAY_MS = 24 * 3600 * 1000;

/** Creates the organization with the creator as its owner, atomically. */
export async function createOrganization(
  db: Database,
  userId: string,
  input: z.output<typeof createOrganizationInput>,
  now: Date,
) {
  return db.transaction(async (tx) => {
    // One user's creations take turns, so the daily count below cannot be raced past.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${userId}, 0))`);
    const since = new Date(now.getTime() - DAY_MS);
    const [created] = await tx
      .select({ count: sql<number>`count(*)::int`, oldest: min(member.createdAt) })
      .from(member)
      .where(
        and(eq(member.userId, userId), eq(member.role, "owner"), gte(member.createdAt, since)),
      );
    if (created && created.count >= ORGANIZATIONS_PER_DAY && created.oldest) {
      // The database's clock stamped `oldest`: clamp, it may run a few ms ahead of ours.
      const waitMs = Math.min(DAY_MS, created.oldest.getTime() + DAY_MS - now.getTime());
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new RateLimitedError(
        `You can create at most ${ORGANIZATIONS_PER_DAY} organizations a day. Try again in ${inWords(retryAfterSeconds)}.`,
        retryAfterSeconds,
      );
    }
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

export async function getOrganization(tx: TenantDb, organizationId: string) {
  const [org] = await tx.select().from(organization).where(eq(organization.id, organizationId));
  if (!org) throw notFound("Organization");
  return org;
}

export async function updateOrganization(
  tx: TenantDb,
  organizationId: string,
  input: z.output<typeof updateOrganizationInput>,
) {
  // A slug taken by another organization: RLS hides that row from the tenant role, so the unique
  // constraint is what finds it (23505 → CONFLICT on the slug field).
  try {
    const [org] = await tx
      .update(organization)
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.slug ? { slug: input.slug } : {}),
      })
      .where(eq(organization.id, organizationId))
      .returning();
    if (!org) throw notFound("Organization");
    return org;
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw slugTaken();
    throw error;
  }
}

/** Deletes the organization and, by cascade, everything in it. The name must be typed back. */
export async function removeOrganization(
  tx: TenantDb,
  organizationId: string,
  confirmName: string,
) {
  const org = await getOrganization(tx, organizationId);
  if (org.name !== confirmName.trim())
    throw new AppError("BAD_REQUEST", "The name does not match", "confirmName");
  await tx.delete(organization).where(eq(organization.id, organizationId));
  return { removed: true };
}
