// Community posts and comments (schema/post.ts). Plain values, no drizzle import: the web's
// composer and the API's zod schemas use the same limits.

/** What a post is (seed 004's post types): shown as a badge, filterable in a feed. */
export const postTypes = ["discussion", "question", "announcement", "resource"] as const;
export type PostType = (typeof postTypes)[number];

/** A draft is seen by its author only; publishing stamps published_at and puts it in feeds. */
export const postStatuses = ["draft", "published"] as const;
export type PostStatus = (typeof postStatuses)[number];

/** A post without a title is a short update: its body is at most this many characters. */
export const SHORT_UPDATE_MAX = 500;
export const POST_TITLE_MAX = 200;
/** Markdown source: long enough for a real article, bounded so one row stays small. */
export const POST_BODY_MAX = 40_000;
export const POST_TAGS_MAX = 5;
/** Lowercase words joined by dashes: a tag is part of a URL filter and compared by equality. */
export const POST_TAG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const POST_TAG_MAX = 30;

export const COMMENT_BODY_MAX = 10_000;
/** Depth of a reply: 0 for a comment on the post, at most this for a reply to a reply … */
export const COMMENT_DEPTH_MAX = 5;
