// Spaces (schema/space.ts): the sidebar's list, a space's page, joining, leaving and muting, and
// the admins' management (create within the plan's allowance, edit, archive, order, members of a
// private space, a paid space's tiers).
//
// Who sees a space is the database's rule (guild_visible_space_ids, migration 0041): every query
// here adds visibleSpace() to its own where, and row-level security enforces the same rule under
// it. A space the member cannot see does not exist for them: NOT_FOUND, never FORBIDDEN.
import {
  and,
  asc,
  count,
  eq,
  hasRole,
  inArray,
  isNull,
  type MemberRole,
  member,
  memberTier,
  type SpaceType,
  type SpaceVisibility,
  space,
  spaceMember,
  spaceTier,
  sql,
  type TenantScope,
  user,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  archiveSpaceInput,
  createSpaceInput,
  listSpacesInput,
  muteSpaceInput,
  reorderSpacesInput,
  SpaceFields,
  setSpaceTiersInput,
  spaceBySlugInput,
  spaceIdInput,
  spaceMemberInput,
  updateSpaceInput,
} from "../schemas/space.ts";
import { actsAs } from "./actor.ts";
import { requireEntitlement } from "./entitlements.ts";
import { releaseSeatsOnLeavingSpace } from "./event-rsvp.ts";
import { actingMember } from "./member.ts";

/** A space as the sidebar lists it, with the caller's own flags. */
export interface SpaceSummary {
  id: string;
  slug: string;
  name: string;
  description: string;
  icon: string;
  type: SpaceType;
  visibility: SpaceVisibility;
  section: string;
  position: number;
  archived: boolean;
  /** The caller is one of its members (joined, or added by an admin). */
  joined: boolean;
  muted: boolean;
  memberCount: number;
}

/** A sidebar group: its name ("" for the ungrouped spaces, listed first) and its spaces. */
export interface SpaceSection {
  name: string;
  spaces: SpaceSummary[];
}

/** A space's page. */
export interface SpaceDetail extends SpaceSummary {
  createdAt: Date;
  /** A paid space's tiers (the tiers that open it). */
  tiers: { id: string; name: string }[];
  /** Whether the caller may join it now (public; paid with the tier; never private). */
  canJoin: boolean;
  /** Admins and owners edit it and manage its members. */
  canManage: boolean;
}

const missingSpace = () => notFound("Space");

const isAdmin = (scope: TenantScope) =>
  scope.actor.kind === "member" && hasRole(scope.actor.role, "admin");

/** The caller's row in a space, joined on the space (null columns: not a member). */
const mine = (memberId: string) =>
  and(
    eq(spaceMember.organizationId, space.organizationId),
    eq(spaceMember.spaceId, space.id),
    eq(spaceMember.memberId, memberId),
  );

const summaryColumns = {
  id: space.id,
  slug: space.slug,
  name: space.name,
  description: space.description,
  icon: space.icon,
  type: space.type,
  visibility: space.visibility,
  section: space.section,
  position: space.position,
  archivedAt: space.archivedAt,
  createdAt: space.createdAt,
  myRow: spaceMember.id,
  mutedAt: spaceMember.mutedAt,
  // Spelled out: drizzle writes a column inside a select's sql unqualified, which the subquery
  // would read as its own table's.
  memberCount: sql<number>`(select count(*)::int from space_member sm
    where sm.organization_id = "space"."organization_id" and sm.space_id = "space"."id")`,
};

type SummaryRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  icon: string;
  type: SpaceType;
  visibility: SpaceVisibility;
  section: string;
  position: number;
  archivedAt: Date | null;
  myRow: string | null;
  mutedAt: Date | null;
  memberCount: number;
};

function summary(row: SummaryRow): SpaceSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    icon: row.icon,
    type: row.type,
    visibility: row.visibility,
    section: row.section,
    position: row.position,
    archived: row.archivedAt !== null,
    joined: row.myRow !== null,
    muted: row.mutedAt !== null,
    memberCount: row.memberCount,
  };
}

/** The caller's visible spaces matching `where`, in sidebar order. */
function visibleSpaces(scope: TenantScope, memberId: string) {
  return scope.db
    .select(summaryColumns)
    .from(space)
    .leftJoin(spaceMember, mine(memberId))
    .$dynamic();
}

const inOrganization = (scope: TenantScope) => eq(space.organizationId, scope.organizationId);

/** space.list: the spaces the caller sees, grouped by section, in the admins' order. */
export async function listSpaces(
  scope: TenantScope,
  input: z.output<typeof listSpacesInput>,
): Promise<SpaceSection[]> {
  const me = actingMember(scope);
  const archivedToo = input.includeArchived && actsAs(scope, "moderator");
  const rows = await visibleSpaces(scope, me.memberId)
    .where(
      and(
        inOrganization(scope),
        visibleSpace(space.id),
        archivedToo ? undefined : isNull(space.archivedAt),
      ),
    )
    .orderBy(asc(space.position), asc(space.name), asc(space.id));
  const sections = new Map<string, SpaceSummary[]>([["", []]]);
  for (const row of rows) {
    const list = sections.get(row.section) ?? [];
    list.push(summary(row));
    sections.set(row.section, list);
  }
  return [...sections]
    .filter(([, spaces]) => spaces.length > 0)
    .map(([name, spaces]) => ({ name, spaces }));
}

/** Whether the member's active tier is one of the space's (guild_active_tier_id: one rule). */
const holdsTierOf = (memberId: string) => sql<boolean>`exists (
  select 1 from space_tier st
  where st.organization_id = "space"."organization_id" and st.space_id = "space"."id"
    and st.tier_id = guild_active_tier_id("space"."organization_id", ${memberId}::uuid))`;

async function readDetail(
  scope: TenantScope,
  where: ReturnType<typeof eq>,
): Promise<SpaceDetail | null> {
  const me = actingMember(scope);
  const [row] = await visibleSpaces(scope, me.memberId)
    .where(and(inOrganization(scope), where, visibleSpace(space.id)))
    .limit(1);
  if (!row) return null;
  const [tiers, [holds]] = await Promise.all([
    scope.db
      .select({ id: memberTier.id, name: memberTier.name })
      .from(spaceTier)
      .innerJoin(
        memberTier,
        and(
          eq(memberTier.organizationId, spaceTier.organizationId),
          eq(memberTier.id, spaceTier.tierId),
        ),
      )
      .where(and(eq(spaceTier.organizationId, scope.organizationId), eq(spaceTier.spaceId, row.id)))
      .orderBy(asc(memberTier.sortOrder), asc(memberTier.name)),
    row.visibility === "paid"
      ? scope.db
          .select({ holds: holdsTierOf(me.memberId) })
          .from(space)
          .where(and(inOrganization(scope), eq(space.id, row.id)))
      : Promise.resolve([{ holds: false }]),
  ]);
  const base = summary(row);
  const joinable =
    base.visibility === "public" ||
    (base.visibility === "paid" && (holds?.holds || actsAs(scope, "moderator")));
  return {
    ...base,
    createdAt: row.createdAt,
    tiers,
    canJoin: !base.joined && !base.archived && joinable,
    canManage: isAdmin(scope),
  };
}

/** space.get: a space by its address; NOT_FOUND when the caller cannot see it. */
export async function spaceBySlug(
  scope: TenantScope,
  input: z.output<typeof spaceBySlugInput>,
): Promise<SpaceDetail> {
  const detail = await readDetail(scope, eq(space.slug, input.slug));
  if (!detail) throw missingSpace();
  return detail;
}

async function visibleDetail(scope: TenantScope, spaceId: string): Promise<SpaceDetail> {
  const detail = await readDetail(scope, eq(space.id, spaceId));
  if (!detail) throw missingSpace();
  return detail;
}

// ---- what a space holds ----------------------------------------------------------------------

/** A space the caller sees (its id, type and archive time), or null. */
export async function findVisibleSpace(scope: TenantScope, spaceId: string) {
  const [row] = await scope.db
    .select({ id: space.id, type: space.type, archivedAt: space.archivedAt })
    .from(space)
    .where(and(inOrganization(scope), eq(space.id, spaceId), visibleSpace(space.id)))
    .limit(1);
  return row ?? null;
}

/** A type of space whose service reads and writes what it holds, with its refusals' words. */
export interface SpaceKind {
  type: SpaceType;
  /** BAD_REQUEST on spaceId for a visible space of another type (no secret to this caller). */
  otherType: string;
  /** CONFLICT for a write to an archived one: what it holds is read-only. */
  archived: string;
  /** Who writes in it (the system always may) and what anyone else hears; unset: whoever sees it. */
  writers?: { role: MemberRole; refusal: string };
}

/**
 * The space of this kind the caller sees, or NOT_FOUND. Writing needs the kind's writers (the
 * router's rung already asked; checked again for callers from jobs or other services) and a live
 * space.
 */
export async function typedSpace(
  scope: TenantScope,
  spaceId: string,
  kind: SpaceKind,
  { forWriting }: { forWriting: boolean },
) {
  const row = await findVisibleSpace(scope, spaceId);
  if (!row) throw missingSpace();
  if (row.type !== kind.type)
    throw new AppError("BAD_REQUEST", kind.otherType, { field: "spaceId" });
  if (forWriting) {
    if (kind.writers && !actsAs(scope, kind.writers.role))
      throw new AppError("FORBIDDEN", kind.writers.refusal);
    if (row.archivedAt) throw new AppError("CONFLICT", kind.archived);
  }
  return row;
}

// ---- membership ------------------------------------------------------------------------------

/** One member's row in one space of the scope's organization. */
const membershipOf = (scope: TenantScope, spaceId: string, memberId: string) =>
  and(
    eq(spaceMember.organizationId, scope.organizationId),
    eq(spaceMember.spaceId, spaceId),
    eq(spaceMember.memberId, memberId),
  );

/**
 * space.join: public spaces, anyone who sees them; paid ones, members whose active tier is among
 * the space's tiers (and staff); private ones only through an admin (space.addMember).
 */
export async function joinSpace(
  scope: TenantScope,
  input: z.output<typeof spaceIdInput>,
): Promise<SpaceDetail> {
  const me = actingMember(scope);
  const detail = await visibleDetail(scope, input.spaceId);
  if (detail.joined) return detail;
  if (detail.archived) throw new AppError("CONFLICT", "This space is archived");
  if (!detail.canJoin)
    throw new AppError(
      "FORBIDDEN",
      detail.visibility === "private"
        ? "Only an admin can add members to a private space"
        : "Joining this space needs one of its tiers",
    );
  await scope.db
    .insert(spaceMember)
    .values({
      organizationId: scope.organizationId,
      spaceId: detail.id,
      memberId: me.memberId,
      access: "joined",
    })
    .onConflictDoNothing();
  return visibleDetail(scope, detail.id);
}

/**
 * space.leave: the caller is no longer a member. Leaving a private space (or a paid one an admin
 * added them to) takes away access to it too.
 */
export async function leaveSpace(
  scope: TenantScope,
  input: z.output<typeof spaceIdInput>,
): Promise<{ left: boolean }> {
  const me = actingMember(scope);
  const detail = await visibleDetail(scope, input.spaceId);
  await releaseSeatsOnLeavingSpace(scope, me.memberId, detail.id);
  const rows = await scope.db
    .delete(spaceMember)
    .where(membershipOf(scope, input.spaceId, me.memberId))
    .returning({ id: spaceMember.id });
  return { left: rows.length > 0 };
}

/** space.mute: a joined space stays listed but sends nothing and shows no unread mark. */
export async function muteSpace(
  scope: TenantScope,
  input: z.output<typeof muteSpaceInput>,
): Promise<SpaceDetail> {
  const me = actingMember(scope);
  const detail = await visibleDetail(scope, input.spaceId);
  if (!detail.joined) throw new AppError("CONFLICT", "Join the space to mute it");
  await scope.db
    .update(spaceMember)
    .set({ mutedAt: input.muted ? scope.now() : null })
    .where(membershipOf(scope, detail.id, me.memberId));
  return visibleDetail(scope, detail.id);
}

export interface SpaceMemberView {
  memberId: string;
  name: string;
  image: string | null;
  role: "owner" | "admin" | "moderator" | "member";
  access: "joined" | "added";
  joinedAt: Date;
}

/** space.members: who is in a space the caller sees, by name. */
export async function listSpaceMembers(
  scope: TenantScope,
  input: z.output<typeof spaceIdInput>,
): Promise<SpaceMemberView[]> {
  const detail = await visibleDetail(scope, input.spaceId);
  return scope.db
    .select({
      memberId: spaceMember.memberId,
      name: user.name,
      image: user.image,
      role: member.role,
      access: spaceMember.access,
      joinedAt: spaceMember.createdAt,
    })
    .from(spaceMember)
    .innerJoin(
      member,
      and(
        eq(member.organizationId, spaceMember.organizationId),
        eq(member.id, spaceMember.memberId),
      ),
    )
    .innerJoin(user, eq(user.id, member.userId))
    .where(
      and(eq(spaceMember.organizationId, scope.organizationId), eq(spaceMember.spaceId, detail.id)),
    )
    .orderBy(asc(user.name), asc(spaceMember.memberId))
    .limit(500);
}

/**
 * space.addMember (admins): the member is in the space, "added": for a private space that is
 * the way in, for a paid one a grant that opens it without the tier.
 */
export async function addSpaceMember(
  scope: TenantScope,
  input: z.output<typeof spaceMemberInput>,
): Promise<SpaceMemberView[]> {
  const admin = actingMember(scope);
  const detail = await visibleDetail(scope, input.spaceId);
  const [target] = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, input.memberId)));
  if (!target) throw new AppError("NOT_FOUND", "Member not found", { field: "memberId" });
  await scope.db
    .insert(spaceMember)
    .values({
      organizationId: scope.organizationId,
      spaceId: detail.id,
      memberId: target.id,
      access: "added",
      addedByMemberId: admin.memberId,
    })
    .onConflictDoUpdate({
      target: [spaceMember.organizationId, spaceMember.spaceId, spaceMember.memberId],
      set: { access: "added", addedByMemberId: admin.memberId },
    });
  return listSpaceMembers(scope, { spaceId: detail.id });
}

/** space.removeMember (admins): the member is out of the space (and a private one hidden). */
export async function removeSpaceMember(
  scope: TenantScope,
  input: z.output<typeof spaceMemberInput>,
): Promise<SpaceMemberView[]> {
  const detail = await visibleDetail(scope, input.spaceId);
  await releaseSeatsOnLeavingSpace(scope, input.memberId, detail.id);
  const rows = await scope.db
    .delete(spaceMember)
    .where(membershipOf(scope, detail.id, input.memberId))
    .returning({ id: spaceMember.id });
  if (rows.length === 0)
    throw new AppError("NOT_FOUND", "Not a member of this space", { field: "memberId" });
  return listSpaceMembers(scope, { spaceId: detail.id });
}

// ---- administration --------------------------------------------------------------------------

// Any constant: with the organization id's hash, the advisory lock key of its space count.
const SPACE_LOCK = 4_180_332;

/**
 * Refuses (PLAN_LIMIT) a space beyond the plan's allowance: live (not archived) spaces count.
 * Under a per-organization lock, so two creations at once cannot both take the last one.
 */
async function requireSpaceAllowance(scope: TenantScope): Promise<void> {
  await scope.db.execute(
    sql`select pg_advisory_xact_lock(${SPACE_LOCK}, hashtext(${scope.organizationId}::text))`,
  );
  const [row] = await scope.db
    .select({ n: count() })
    .from(space)
    .where(and(inOrganization(scope), isNull(space.archivedAt)));
  await requireEntitlement(scope, "spaces", { current: row?.n ?? 0 });
}

async function refuseTakenSlug(scope: TenantScope, slug: string, exceptId?: string) {
  const [taken] = await scope.db
    .select({ id: space.id })
    .from(space)
    .where(and(inOrganization(scope), eq(space.slug, slug)));
  if (taken && taken.id !== exceptId)
    throw new AppError("CONFLICT", "Another space has this address", { field: "slug" });
}

/** The tiers, all of the organization's (NOT_FOUND on the field otherwise). */
export async function requireTiers(
  scope: TenantScope,
  tierIds: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(tierIds)];
  if (unique.length === 0) return [];
  const found = await scope.db
    .select({ id: memberTier.id })
    .from(memberTier)
    .where(
      and(eq(memberTier.organizationId, scope.organizationId), inArray(memberTier.id, unique)),
    );
  if (found.length !== unique.length)
    throw new AppError("NOT_FOUND", "Tier not found", { field: "tierIds" });
  return unique;
}

async function replaceTiers(scope: TenantScope, spaceId: string, tierIds: string[]) {
  await scope.db
    .delete(spaceTier)
    .where(
      and(
        eq(spaceTier.organizationId, scope.organizationId),
        eq(spaceTier.spaceId, spaceId),
        tierIds.length > 0 ? sql`${spaceTier.tierId} <> all(${uuidArray(tierIds)})` : undefined,
      ),
    );
  if (tierIds.length > 0)
    await scope.db
      .insert(spaceTier)
      .values(tierIds.map((tierId) => ({ organizationId: scope.organizationId, spaceId, tierId })))
      .onConflictDoNothing();
}

const uuidArray = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

const fieldsOf = (input: SpaceFields) => ({
  name: input.name,
  slug: input.slug,
  description: input.description,
  icon: input.icon,
  type: input.type,
  visibility: input.visibility,
  section: input.section,
});

/** space.create (admins): within the plan's allowance of spaces (PLAN_LIMIT), last in order. */
export async function createSpace(
  scope: TenantScope,
  input: z.output<typeof createSpaceInput>,
): Promise<SpaceDetail> {
  const admin = actingMember(scope);
  await requireSpaceAllowance(scope);
  await refuseTakenSlug(scope, input.slug);
  const tierIds = input.visibility === "paid" ? await requireTiers(scope, input.tierIds) : [];
  const [last] = await scope.db
    .select({ position: sql<number | null>`max(${space.position})` })
    .from(space)
    .where(inOrganization(scope));
  const [created] = await scope.db
    .insert(space)
    .values({
      organizationId: scope.organizationId,
      ...fieldsOf(input),
      position: (last?.position ?? -1) + 1,
      createdByMemberId: admin.memberId,
    })
    .returning({ id: space.id });
  if (!created) throw new Error("the space just created is gone");
  await replaceTiers(scope, created.id, tierIds);
  return visibleDetail(scope, created.id);
}

/** space.update (admins): its fields; the address stays unique in the organization. */
export async function updateSpace(
  scope: TenantScope,
  input: z.output<typeof updateSpaceInput>,
): Promise<SpaceDetail> {
  await visibleDetail(scope, input.id);
  await refuseTakenSlug(scope, input.slug, input.id);
  await scope.db
    .update(space)
    .set(fieldsOf(input))
    .where(and(inOrganization(scope), eq(space.id, input.id)));
  return visibleDetail(scope, input.id);
}

/** space.archive (admins): archive, or restore (within the plan's allowance again). */
export async function archiveSpace(
  scope: TenantScope,
  input: z.output<typeof archiveSpaceInput>,
): Promise<SpaceDetail> {
  const detail = await visibleDetail(scope, input.id);
  if (detail.archived === input.archived) return detail;
  if (!input.archived) await requireSpaceAllowance(scope);
  await scope.db
    .update(space)
    .set({ archivedAt: input.archived ? scope.now() : null })
    .where(and(inOrganization(scope), eq(space.id, input.id)));
  return visibleDetail(scope, input.id);
}

/**
 * space.reorder (admins): the sidebar's sections in order, each with its spaces in order. Spaces
 * not named keep their place; an id named twice is refused.
 */
export async function reorderSpaces(
  scope: TenantScope,
  input: z.output<typeof reorderSpacesInput>,
): Promise<SpaceSection[]> {
  const placed = input.sections.flatMap((section) =>
    section.spaceIds.map((id) => ({ id, section: section.name })),
  );
  const ids = placed.map((p) => p.id);
  if (new Set(ids).size !== ids.length)
    throw new AppError("BAD_REQUEST", "A space is listed twice", { field: "sections" });
  if (ids.length > 0) {
    const found = await scope.db
      .select({ id: space.id })
      .from(space)
      .where(and(inOrganization(scope), inArray(space.id, ids), visibleSpace(space.id)));
    if (found.length !== ids.length) throw missingSpace();
    await scope.db.execute(sql`
      update space s set section = v.section, position = v.position
      from unnest(${uuidArray(ids)},
                  array[${sql.join(
                    placed.map((p) => sql`${p.section}`),
                    sql`, `,
                  )}]::text[],
                  array[${sql.join(
                    placed.map((_, i) => sql`${i}`),
                    sql`, `,
                  )}]::int[]) as v(id, section, position)
      where s.organization_id = ${scope.organizationId} and s.id = v.id`);
    // Open sidebars follow at once.
    await publish(scope, {
      kind: "space.reordered",
      target: { type: "organization", id: scope.organizationId },
    });
  }
  return listSpaces(scope, { includeArchived: false });
}

/** space.setTiers (admins): the tiers that open a paid space. */
export async function setSpaceTiers(
  scope: TenantScope,
  input: z.output<typeof setSpaceTiersInput>,
): Promise<SpaceDetail> {
  const detail = await visibleDetail(scope, input.spaceId);
  if (detail.visibility !== "paid")
    throw new AppError("BAD_REQUEST", "Only a paid space has tiers", { field: "tierIds" });
  await replaceTiers(scope, detail.id, await requireTiers(scope, input.tierIds));
  return visibleDetail(scope, detail.id);
}

/** A tier and the paid spaces it opens, by name and icon only. */
export interface TierOpening {
  tierId: string;
  spaces: { name: string; icon: string }[];
}

/**
 * space.tierOpenings: what each tier opens, for a member choosing one (the tiers screen). A paid
 * space stays hidden from a member without its tier (NOT_FOUND, out of every list), so this names
 * it only: no id, description or content (guild_tier_openings, migration 0055).
 */
export async function listTierOpenings(scope: TenantScope): Promise<TierOpening[]> {
  actingMember(scope);
  const rows = await scope.db.execute<{ tierId: string; name: string; icon: string }>(
    sql`select tier_id as "tierId", space_name as "name", space_icon as "icon"
        from guild_tier_openings()`,
  );
  const byTier = new Map<string, TierOpening>();
  for (const row of rows) {
    const opening = byTier.get(row.tierId) ?? { tierId: row.tierId, spaces: [] };
    opening.spaces.push({ name: row.name, icon: row.icon });
    byTier.set(row.tierId, opening);
  }
  return [...byTier.values()];
}
