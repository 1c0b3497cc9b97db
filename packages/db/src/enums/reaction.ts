// Reactions and votes on posts and comments (schema/reaction.ts). Plain values, no drizzle
// import: the web's reaction bar and the API's zod schemas use the same lists.

/**
 * The fixed emoji set, stored by name (ASCII text compared by equality, which stays an index
 * condition under row-level security); the web draws each with its emoji.
 */
export const reactionEmojis = ["like", "love", "laugh", "celebrate", "wow", "thanks"] as const;
export type ReactionEmoji = (typeof reactionEmojis)[number];

/** How each reaction is drawn and read out. */
export const reactionGlyphs: Record<ReactionEmoji, { glyph: string; label: string }> = {
  like: { glyph: "👍", label: "Like" },
  love: { glyph: "❤️", label: "Love" },
  laugh: { glyph: "😂", label: "Haha" },
  celebrate: { glyph: "🎉", label: "Celebrate" },
  wow: { glyph: "😮", label: "Wow" },
  thanks: { glyph: "🙏", label: "Thanks" },
};

/** A member's vote: up, down, or none (no row). */
export const voteDirections = ["up", "down", "none"] as const;
export type VoteDirection = (typeof voteDirections)[number];
