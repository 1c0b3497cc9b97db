// Community posts (issue 11): the inputs of the post and feed procedures, shared with the web's
// composer (which maps these issues to its fields) and feeds.
import {
  POST_BODY_MAX,
  POST_TAG_MAX,
  POST_TAG_PATTERN,
  POST_TAGS_MAX,
  POST_TITLE_MAX,
  postTypes,
  SHORT_UPDATE_MAX,
} from "@guild/db/enums";
import { z } from "zod";
import { fromBase64Url, idSchema, lineOfText, text, toBase64Url } from "./common.ts";

export { POST_BODY_MAX, POST_TAG_MAX, POST_TAGS_MAX, POST_TITLE_MAX, postTypes, SHORT_UPDATE_MAX };

/** "" (the composer's empty title field) is no title: the post is a short update. */
const title = lineOfText()
  .trim()
  .max(POST_TITLE_MAX, `A title is at most ${POST_TITLE_MAX} characters`)
  .nullable()
  .transform((value) => (value ? value : null));

/** A tag as people type it ("#Weekly Sync" → "weekly-sync"): posts' and events'. */
export const tagSchema = (max: number) =>
  text()
    .trim()
    .toLowerCase()
    .transform((value) => value.replace(/^#/, "").replace(/\s+/g, "-"))
    .pipe(
      z
        .string()
        .min(1, "A tag cannot be empty")
        .max(max, `A tag is at most ${max} characters`)
        .regex(POST_TAG_PATTERN, "Tags use letters, digits and single dashes"),
    );
const tag = tagSchema(POST_TAG_MAX);

const postFieldShape = {
  title,
  body: text().max(POST_BODY_MAX, `At most ${POST_BODY_MAX} characters`),
  type: z.enum(postTypes, "Choose a type"),
  tags: z
    .array(tag)
    .max(POST_TAGS_MAX, `At most ${POST_TAGS_MAX} tags`)
    .transform((tags) => [...new Set(tags)]),
};

/** The database's post_body_check, said next to the body field. */
function shortUpdateRule(post: { title: string | null; body: string }, ctx: z.RefinementCtx) {
  if (post.title !== null) return;
  if (post.body.trim().length === 0)
    ctx.addIssue({ code: "custom", path: ["body"], message: "Write something, or add a title" });
  else if (post.body.length > SHORT_UPDATE_MAX)
    ctx.addIssue({
      code: "custom",
      path: ["body"],
      message: `A post without a title is at most ${SHORT_UPDATE_MAX} characters: add a title for a longer one`,
    });
}

/** A post's own fields, as the composer edits them. */
export const postFields = z.object(postFieldShape).superRefine(shortUpdateRule);
export type PostFields = z.input<typeof postFields>;

/** publish: false keeps it a draft (only its author sees it). */
export const createPostInput = z
  .object({ ...postFieldShape, spaceId: idSchema, publish: z.boolean() })
  .superRefine(shortUpdateRule);

/** The whole post again; publish: true publishes a draft (a published post stays published). */
export const updatePostInput = z
  .object({ ...postFieldShape, id: idSchema, publish: z.boolean().default(false) })
  .superRefine(shortUpdateRule);

export const postIdInput = z.object({ id: idSchema });

export const feedSorts = ["new", "top", "active"] as const;
export type FeedSort = (typeof feedSorts)[number];

/**
 * Where a feed page ended, opaque to clients: the sort it belongs to, the last post's sort key
 * (a time in ms for new and active, the score for top) and its id. Keyset pagination: the next
 * page starts strictly after it, whatever was inserted meanwhile.
 */
export interface FeedCursor {
  sort: FeedSort;
  key: number;
  id: string;
}

// base64url by hand: this module runs in browsers too (the web's forms import it), without Buffer.

export function encodeFeedCursor(cursor: FeedCursor): string {
  // The tuple is ASCII only (a sort name, digits, a uuid): btoa takes it as it is.
  return toBase64Url(JSON.stringify([cursor.sort, cursor.key, cursor.id]));
}

const cursorTuple = z.tuple([z.enum(feedSorts), z.number().int().safe(), idSchema]);

const feedCursor = z
  .string()
  .max(200)
  .transform((value, ctx): FeedCursor => {
    try {
      const [sort, key, id] = cursorTuple.parse(JSON.parse(fromBase64Url(value)));
      return { sort, key, id };
    } catch {
      ctx.addIssue({ code: "custom", message: "This page link is no longer valid" });
      return z.NEVER;
    }
  });

const page = {
  sort: z.enum(feedSorts).default("new"),
  cursor: feedCursor.nullish(),
  limit: z.number().int().min(1).max(50).default(20),
};

const matchingSort = (input: { sort: FeedSort; cursor?: FeedCursor | null | undefined }) =>
  !input.cursor || input.cursor.sort === input.sort;
const sortMismatch = { message: "This page link is for another sort", path: ["cursor"] };

/** A space's feed: its pinned posts first (on the first page), then the others by `sort`. */
export const spaceFeedInput = z
  .object({
    spaceId: idSchema,
    ...page,
    /** Only posts of this type, or with this tag. */
    type: z.enum(postTypes).nullish(),
    tag: tag.nullish(),
  })
  .refine(matchingSort, sortMismatch);

/** The home feed: posts of every space the member can see. */
export const homeFeedInput = z.object(page).refine(matchingSort, sortMismatch);

/** The caller's drafts, most recently changed first. */
export const draftsInput = z.object({
  cursor: feedCursor.nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});
