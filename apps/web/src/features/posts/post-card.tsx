import { Link } from "@tanstack/react-router";
import { Eye, Lock, MessageSquare, Pin } from "lucide-react";
import type { ReactNode } from "react";
import { Markdown } from "../../components/markdown.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { PostReactions } from "../comments/reactions.tsx";
import { postTypeLabels } from "./post-labels.ts";
import type { Post } from "./use-posts.ts";

/** Who wrote it: their profile's name and @username, or "Former member" once they left. */
export function PostByline({
  post,
  slug,
  showSpace,
}: {
  post: Post;
  slug: string;
  showSpace?: boolean;
}) {
  const when = post.publishedAt ?? post.updatedAt;
  return (
    <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground">
      {post.author ? (
        <Link
          to="/o/$slug/u/$username"
          params={{ slug, username: post.author.username }}
          className="font-medium text-foreground hover:underline"
        >
          {post.author.displayName}
        </Link>
      ) : (
        <span className="font-medium text-foreground">Former member</span>
      )}
      {showSpace && (
        <>
          <span aria-hidden="true">·</span>
          <span>
            in{" "}
            <Link
              to="/o/$slug/s/$spaceSlug"
              params={{ slug, spaceSlug: post.space.slug }}
              className="hover:underline"
            >
              {post.space.icon && <span aria-hidden="true">{post.space.icon} </span>}
              {post.space.name}
            </Link>
          </span>
        </>
      )}
      <span aria-hidden="true">·</span>
      <time dateTime={when.toISOString()}>{formatDateTime(when)}</time>
      {post.editedAt && <span title={`Edited ${formatDateTime(post.editedAt)}`}>(edited)</span>}
    </p>
  );
}

function Badge({ children, tone = "muted" }: { children: ReactNode; tone?: "muted" | "accent" }) {
  const colours =
    tone === "accent" ? "bg-accent text-accent-foreground" : "bg-muted text-muted-foreground";
  return (
    <span
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${colours}`}
    >
      {children}
    </span>
  );
}

/**
 * New (since the member last opened its space), type, pinned, locked, hidden and draft, as small
 * labels; tags filter the feed when it can.
 */
export function PostBadges({
  post,
  onTag,
  isNew = false,
}: {
  post: Post;
  onTag?: (tag: string) => void;
  isNew?: boolean;
}) {
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {isNew && (
        <span className="inline-flex items-center rounded bg-primary px-1.5 py-0.5 text-xs font-semibold text-primary-foreground">
          New
        </span>
      )}
      {post.pinned && (
        <Badge tone="accent">
          <Pin aria-hidden="true" className="size-3" />
          Pinned
        </Badge>
      )}
      {post.type !== "discussion" && <Badge>{postTypeLabels[post.type]}</Badge>}
      {post.status === "draft" && <Badge tone="accent">Draft</Badge>}
      {post.locked && (
        <Badge>
          <Lock aria-hidden="true" className="size-3" />
          Locked
        </Badge>
      )}
      {post.hidden && <Badge>Hidden by a moderator</Badge>}
      {post.tags.map((tag) =>
        onTag ? (
          <button
            key={tag}
            type="button"
            onClick={() => onTag(tag)}
            aria-label={`Show posts tagged ${tag}`}
            className="rounded bg-muted px-1.5 py-0.5 text-xs font-medium text-muted-foreground hover:bg-muted-strong hover:text-foreground"
          >
            #{tag}
          </button>
        ) : (
          <Badge key={tag}>#{tag}</Badge>
        ),
      )}
    </div>
  );
}

/** A post in a feed: byline, title (a link to its page), the start of its body, its counts. */
export function PostCard({
  post,
  slug,
  showSpace = false,
  onTag,
  pageIds,
  isNew = false,
}: {
  post: Post;
  slug: string;
  showSpace?: boolean;
  onTag?: (tag: string) => void;
  /** The ids of the feed page the card is on: its reactions are read with theirs. */
  pageIds?: readonly string[];
  /** Published by someone else since the member last opened its space. */
  isNew?: boolean;
}) {
  const link = {
    to: "/o/$slug/s/$spaceSlug/p/$postId",
    params: { slug, spaceSlug: post.space.slug, postId: post.id },
  } as const;
  return (
    <article
      aria-labelledby={`post-${post.id}-title`}
      className="rounded-lg border border-border bg-surface px-4 py-3 shadow-sm sm:px-5"
    >
      <div className="space-y-2">
        <PostByline post={post} slug={slug} showSpace={showSpace} />
        <PostBadges post={post} isNew={isNew} {...(onTag ? { onTag } : {})} />
        {post.title ? (
          <h3
            id={`post-${post.id}-title`}
            className="text-base font-semibold wrap-anywhere text-foreground"
          >
            <Link {...link} className="hover:underline">
              {post.title}
            </Link>
          </h3>
        ) : (
          <h3 id={`post-${post.id}-title`} className="sr-only">
            Update by {post.author?.displayName ?? "a former member"}
          </h3>
        )}
        {post.body && (
          <Markdown className="text-sm text-foreground">
            {post.truncated ? `${post.body}…` : post.body}
          </Markdown>
        )}
        {post.status === "published" && (
          <PostReactions
            postId={post.id}
            label={post.title ?? "this update"}
            {...(pageIds ? { pageIds } : {})}
          />
        )}
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
          <Link
            {...link}
            className="inline-flex items-center gap-1 font-medium text-accent-foreground hover:underline"
          >
            <MessageSquare aria-hidden="true" className="size-3.5" />
            {post.commentCount === 1
              ? "1 comment"
              : `${post.commentCount.toLocaleString("en")} comments`}
            {post.truncated && <span>· Read more</span>}
            {!post.title && <span className="sr-only"> on this update</span>}
          </Link>
          <span className="inline-flex items-center gap-1">
            <Eye aria-hidden="true" className="size-3.5" />
            {post.viewCount === 1 ? "1 view" : `${post.viewCount.toLocaleString("en")} views`}
          </span>
        </div>
      </div>
    </article>
  );
}
