/**
 * What a space holds (seed 000's space types). Courses and events are filled by later issues; a
 * resources space holds files and links.
 */
export const spaceTypes = ["discussion", "chat", "course", "events", "resources"] as const;
export type SpaceType = (typeof spaceTypes)[number];

/**
 * Who sees a space (guild_visible_space_ids, migration 0040): public, every member of the
 * organization; private, its members (admins add them); paid, members whose active tier is one of
 * the space's tiers, or whom an admin added. Moderators and up see every space.
 */
export const spaceVisibilities = ["public", "private", "paid"] as const;
export type SpaceVisibility = (typeof spaceVisibilities)[number];

/**
 * How a member came into a space: joined it themselves (public, or paid with the tier), or added
 * by an admin (private spaces, and a paid space's grant, which opens it without the tier).
 */
export const spaceMemberAccesses = ["joined", "added"] as const;
export type SpaceMemberAccess = (typeof spaceMemberAccesses)[number];
