// The demo organization's spaces (issue 11): one of each type and visibility, grouped in the
// sidebar, with the demo's people in them: public ones for everyone, a private team room for the
// owner and the admin, and paid spaces opened by the demo's tiers (seed-tiers.ts: the admin holds
// Patron, Mia Supporter), and the chat spaces' history (seed-chat.ts). Idempotent: a demo that
// already has spaces keeps them.
import { and, eq, inArray } from "drizzle-orm";
import type { SpaceType, SpaceVisibility } from "./enums/space.ts";
import { memberTier, space, spaceMember, spaceTier } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";
import { seedDemoChatHistory } from "./seed-chat.ts";

interface DemoSpace {
  name: string;
  slug: string;
  icon: string;
  description: string;
  type: SpaceType;
  visibility: SpaceVisibility;
  section: string;
  /** For paid spaces: the demo tiers (by name) that open it. */
  tiers?: string[];
  /** Who is in it: indexes into the demo's members (0 owner, 1 admin, 2 Mia). */
  members: number[];
}

export const demoSpaces: readonly DemoSpace[] = [
  {
    name: "Introductions",
    slug: "introductions",
    icon: "👋",
    description: "New here? Say hello and tell us what you are working on.",
    type: "discussion",
    visibility: "public",
    section: "",
    members: [0, 1, 2],
  },
  {
    name: "Announcements",
    slug: "announcements",
    icon: "📣",
    description: "News from the team: releases, events and changes.",
    type: "discussion",
    visibility: "public",
    section: "",
    members: [0, 1],
  },
  {
    name: "General chat",
    slug: "general-chat",
    icon: "💬",
    description: "Talk about anything, live.",
    type: "chat",
    visibility: "public",
    section: "Community",
    members: [0, 2],
  },
  {
    name: "Events",
    slug: "events",
    icon: "📅",
    description: "Meetups, office hours and workshops.",
    type: "events",
    visibility: "public",
    section: "Community",
    members: [0],
  },
  {
    name: "Resources",
    slug: "resources",
    icon: "📚",
    description: "Templates, guides and links the community recommends.",
    type: "resources",
    visibility: "public",
    section: "Community",
    members: [0],
  },
  {
    name: "Getting started",
    slug: "getting-started",
    icon: "🎓",
    description: "A short course through the basics.",
    type: "course",
    visibility: "public",
    section: "Learn",
    members: [0],
  },
  {
    name: "Supporters' corner",
    slug: "supporters-corner",
    icon: "⭐",
    description: "For Supporters and Patrons: the monthly newsletter, early.",
    type: "discussion",
    visibility: "paid",
    section: "Members",
    tiers: ["Supporter", "Patron"],
    members: [2],
  },
  {
    name: "Patrons' lounge",
    slug: "patrons-lounge",
    icon: "🏛️",
    description: "Patrons only: monthly calls with the team.",
    type: "chat",
    visibility: "paid",
    section: "Members",
    tiers: ["Patron"],
    members: [1],
  },
  {
    name: "Team room",
    slug: "team-room",
    icon: "🔒",
    description: "Private: the people who run the community.",
    type: "discussion",
    visibility: "private",
    section: "Members",
    members: [0, 1],
  },
];

/**
 * The demo's spaces, their tiers and members (as the system actor, in the seed's scope); false
 * when the demo already has spaces.
 */
/** The id of the demo's space of this slug and type (null: not there, e.g. deleted). */
export async function demoSpaceId(
  scope: TenantScope,
  slug: string,
  type: SpaceType,
): Promise<string | null> {
  const [row] = await scope.db
    .select({ id: space.id })
    .from(space)
    .where(
      and(
        eq(space.organizationId, scope.organizationId),
        eq(space.slug, slug),
        eq(space.type, type),
      ),
    );
  return row?.id ?? null;
}

export async function seedDemoSpaces(
  scope: TenantScope,
  memberIds: readonly string[],
): Promise<boolean> {
  const organizationId = scope.organizationId;
  const existing = await scope.db
    .select({ id: space.id })
    .from(space)
    .where(eq(space.organizationId, organizationId))
    .limit(1);
  if (existing.length > 0) return false;
  const tiers = await scope.db
    .select({ id: memberTier.id, name: memberTier.name })
    .from(memberTier)
    .where(
      and(
        eq(memberTier.organizationId, organizationId),
        inArray(memberTier.name, ["Supporter", "Patron"]),
      ),
    );
  const rows = await scope.db
    .insert(space)
    .values(
      demoSpaces.map((demo, position) => ({
        organizationId,
        name: demo.name,
        slug: demo.slug,
        icon: demo.icon,
        description: demo.description,
        type: demo.type,
        visibility: demo.visibility,
        section: demo.section,
        position,
        createdByMemberId: memberIds[0] ?? null,
      })),
    )
    .returning({ id: space.id, slug: space.slug });
  const idOf = new Map(rows.map((row) => [row.slug, row.id]));
  const tierLinks = demoSpaces.flatMap((demo) =>
    (demo.tiers ?? []).flatMap((name) => {
      const spaceId = idOf.get(demo.slug);
      const tier = tiers.find((t) => t.name === name);
      return spaceId && tier ? [{ organizationId, spaceId, tierId: tier.id }] : [];
    }),
  );
  if (tierLinks.length > 0) await scope.db.insert(spaceTier).values(tierLinks);
  const members = demoSpaces.flatMap((demo) =>
    demo.members.flatMap((index) => {
      const spaceId = idOf.get(demo.slug);
      const memberId = memberIds[index];
      if (!spaceId || !memberId) return [];
      // The private room's people were added by the owner; the rest joined themselves.
      const added = demo.visibility === "private";
      return [
        {
          organizationId,
          spaceId,
          memberId,
          access: added ? ("added" as const) : ("joined" as const),
          addedByMemberId: added ? (memberIds[0] ?? null) : null,
        },
      ];
    }),
  );
  if (members.length > 0) await scope.db.insert(spaceMember).values(members);
  await seedDemoChatHistory(scope, memberIds, idOf);
  return true;
}
