import { type FeedSort, feedSorts, postTypes } from "@guild/api/schemas/post";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { selectClass } from "../../components/field.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useSpaceUnread } from "../spaces/use-space-read.ts";
import { PostCard } from "./post-card.tsx";
import { PostComposer } from "./post-composer.tsx";
import { feedSortLabels, postTypeLabels } from "./post-labels.ts";
import { type FeedFilter, type Post, useDrafts, useHomeFeed, useSpaceFeed } from "./use-posts.ts";

/** New, Top, Active: a group of toggle buttons (one pressed). */
function SortSwitch({ sort, onChange }: { sort: FeedSort; onChange: (sort: FeedSort) => void }) {
  return (
    <fieldset className="inline-flex rounded-md p-0.5 ring-1 ring-inset ring-input">
      <legend className="sr-only">Sort posts by</legend>
      {feedSorts.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={sort === option}
          onClick={() => onChange(option)}
          className={`rounded px-3 py-1 text-sm font-medium transition-colors ${
            sort === option
              ? "bg-primary text-primary-foreground"
              : "text-muted-foreground hover:bg-muted hover:text-foreground"
          }`}
        >
          {feedSortLabels[option]}
        </button>
      ))}
    </fieldset>
  );
}

type FeedQuery = ReturnType<typeof useSpaceFeed> | ReturnType<typeof useHomeFeed>;

function FeedList({
  feed,
  slug,
  showSpace,
  empty,
  onTag,
  isNew,
}: {
  feed: FeedQuery;
  slug: string;
  showSpace: boolean;
  empty: string;
  onTag?: (tag: string) => void;
  /** Whether the member has not seen the post yet (its "New" label). */
  isNew: (post: Post) => boolean;
}) {
  if (feed.isPending) return <LoadingState label="Loading posts…" />;
  if (feed.isError && !feed.data)
    return <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />;
  // Each card is told its page's ids (the first page's pinned posts are on it): a page's
  // reactions are read in one request. The list stays flat, so a card keeps its state (and its
  // reaction clicks in flight) when a refetch moves it to another page.
  const cards = (feed.data?.pages ?? []).flatMap((page, index) => {
    const posts = index === 0 ? [...page.pinned, ...page.items] : page.items;
    const pageIds = posts.map((post) => post.id);
    return posts.map((post) => ({ post, pageIds }));
  });
  if (cards.length === 0) return <EmptyState title={empty} />;
  return (
    <div className="space-y-3" aria-busy={feed.isPlaceholderData || undefined}>
      <ul aria-label="Posts" className="space-y-3">
        {cards.map(({ post, pageIds }) => (
          <li key={post.id}>
            <PostCard
              post={post}
              slug={slug}
              showSpace={showSpace}
              pageIds={pageIds}
              isNew={isNew(post)}
              {...(onTag ? { onTag } : {})}
            />
          </li>
        ))}
      </ul>
      <LoadMore list={feed} failure="Could not load more posts." />
    </div>
  );
}

/** The member's drafts in this space, to carry on with. */
function SpaceDrafts({ spaceId, slug }: { spaceId: string; slug: string }) {
  const drafts = useDrafts();
  const mine = drafts.data?.items.filter((post) => post.space.id === spaceId) ?? [];
  if (mine.length === 0) return null;
  return (
    <details className="rounded-lg border border-border bg-surface px-4 py-3 text-sm shadow-sm">
      <summary className="cursor-pointer font-medium text-foreground">
        Your drafts here ({mine.length})
      </summary>
      <ul className="mt-2 space-y-1">
        {mine.map((post) => (
          <li key={post.id} className="flex flex-wrap justify-between gap-2">
            <Link
              to="/o/$slug/s/$spaceSlug/p/$postId"
              params={{ slug, spaceSlug: post.space.slug, postId: post.id }}
              className="min-w-0 truncate font-medium text-accent-foreground hover:underline"
            >
              {post.title ?? (post.body.slice(0, 60) || "Untitled draft")}
            </Link>
            <span className="text-xs text-muted-foreground">
              Saved {formatDateTime(post.updatedAt)}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Published by someone else after `mark`: what the member has not seen yet. */
const newAfter = (post: Post, mark: Date | null | undefined) =>
  mark != null && !post.isMine && post.publishedAt !== null && post.publishedAt > mark;

/**
 * A discussion space's feed: a composer, the member's drafts here, then the posts, those after
 * `newSince` (the member's mark before this visit) labelled New.
 */
export function SpaceFeed({
  space,
  slug,
  newSince = null,
}: {
  space: { id: string; name: string; archived: boolean };
  slug: string;
  newSince?: Date | null;
}) {
  const [sort, setSort] = useState<FeedSort>("new");
  const [filter, setFilter] = useState<FeedFilter>({ type: null, tag: null });
  const feed = useSpaceFeed(space.id, sort, filter);
  const filtered = filter.type !== null || filter.tag !== null;
  return (
    <section aria-label={`Posts in ${space.name}`} className="space-y-4">
      {!space.archived && (
        <Card title="Write a post">
          <PostComposer spaceId={space.id} />
        </Card>
      )}
      <SpaceDrafts spaceId={space.id} slug={slug} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold text-foreground">Posts</h2>
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor={`feed-type-${space.id}`}>
            Type of posts
          </label>
          <select
            id={`feed-type-${space.id}`}
            className={`${selectClass} w-auto`}
            value={filter.type ?? ""}
            onChange={(event) => {
              const type = postTypes.find((t) => t === event.target.value) ?? null;
              setFilter((previous) => ({ ...previous, type }));
            }}
          >
            <option value="">All types</option>
            {postTypes.map((type) => (
              <option key={type} value={type}>
                {postTypeLabels[type]}s
              </option>
            ))}
          </select>
          <SortSwitch sort={sort} onChange={setSort} />
        </div>
      </div>
      {filter.tag && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          Tagged <span className="font-medium text-foreground">#{filter.tag}</span>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setFilter((previous) => ({ ...previous, tag: null }))}
          >
            Show all tags
          </Button>
        </p>
      )}
      <FeedList
        feed={feed}
        slug={slug}
        showSpace={false}
        empty={filtered ? "No posts match." : "No posts yet: write the first one."}
        isNew={(post) => newAfter(post, newSince)}
        onTag={(tag) => setFilter((previous) => ({ ...previous, tag }))}
      />
    </section>
  );
}

/**
 * The home feed: posts from every space the member can see, those after the member's mark in
 * their space labelled New (opening the space moves the mark).
 */
export function HomeFeed({ slug, title = "Latest posts" }: { slug: string; title?: string }) {
  const [sort, setSort] = useState<FeedSort>("new");
  const feed = useHomeFeed(sort);
  const unread = useSpaceUnread();
  const marks = new Map(unread.data?.map((row) => [row.spaceId, row.readAt]));
  return (
    <section aria-label={title} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold text-foreground">{title}</h2>
        <SortSwitch sort={sort} onChange={setSort} />
      </div>
      <FeedList
        feed={feed}
        slug={slug}
        showSpace
        empty="No posts yet in the spaces you can see."
        isNew={(post) => newAfter(post, marks.get(post.space.id))}
      />
    </section>
  );
}
