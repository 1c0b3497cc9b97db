// The community's search: posts and comments in the spaces the member can see, ranked by the
// server, with the matched words marked. The words and the kind live in the address
// (?q=…&kind=…), so a search can be shared, reloaded and walked back with the browser.
import { Link, useNavigate } from "@tanstack/react-router";
import { Library, MessageSquare, Newspaper, Search } from "lucide-react";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { PostBadges, PostByline } from "../posts/post-card.tsx";
import type { CommunitySearchParams } from "./search-params.ts";
import {
  type CommentHit,
  type Highlighted,
  type PostHit,
  type ResourceHit,
  useCommentSearch,
  usePostSearch,
  useResourceSearch,
} from "./use-community-search.ts";

const QUERY_MAX = 200;

/** Text with its matched words in <mark>: ranges from the server, never its HTML. */
const BOX_LABELS = {
  posts: "Search posts",
  comments: "Search comments",
  resources: "Search resources",
} as const;

export function Marked({ value }: { value: Highlighted }) {
  const parts: Array<{ text: string; marked: boolean; at: number }> = [];
  let at = 0;
  for (const [start, end] of value.marks) {
    if (start > at) parts.push({ text: value.text.slice(at, start), marked: false, at });
    parts.push({ text: value.text.slice(start, end), marked: true, at: start });
    at = end;
  }
  if (at < value.text.length) parts.push({ text: value.text.slice(at), marked: false, at });
  return (
    <>
      {parts.map((part) =>
        part.marked ? (
          <mark key={part.at} className="rounded-sm bg-warning-muted px-0.5 text-foreground">
            {part.text}
          </mark>
        ) : (
          <span key={part.at}>{part.text}</span>
        ),
      )}
    </>
  );
}

export function CommunitySearchScreen({
  slug,
  params,
}: {
  slug: string;
  params: CommunitySearchParams;
}) {
  const navigate = useNavigate();
  const q = (params.q ?? "").trim().slice(0, QUERY_MAX);
  const kind = params.kind ?? "posts";
  const [draft, setDraft] = useState(q);

  function submit(event: FormEvent) {
    event.preventDefault();
    void navigate({
      to: "/o/$slug/search",
      params: { slug },
      search: { q: draft.trim() || undefined, kind: params.kind },
    });
  }

  const tabs = [
    { kind: "posts" as const, label: "Posts", icon: Newspaper },
    { kind: "comments" as const, label: "Comments", icon: MessageSquare },
    { kind: "resources" as const, label: "Resources", icon: Library },
  ];
  // The box says what the chosen tab searches: "Search resources" on the resources tab.
  const boxLabel = BOX_LABELS[kind];

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Search"
        description="Posts, comments and resources in the spaces you can see. Members are in the directory."
      />
      <search className="mb-4 block">
        <form onSubmit={submit} className="flex gap-2">
          <label htmlFor="community-search" className="sr-only">
            {boxLabel}
          </label>
          <input
            id="community-search"
            type="search"
            value={draft}
            maxLength={QUERY_MAX}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={boxLabel}
            // biome-ignore lint/a11y/noAutofocus: the screen exists to type a search
            autoFocus={q.length === 0}
            className="min-w-0 flex-1 rounded-md border border-input bg-surface px-3 py-2 text-sm text-foreground"
          />
          <Button type="submit">
            <Search aria-hidden="true" className="size-4" />
            Search
          </Button>
        </form>
      </search>
      <nav aria-label="What to search" className="mb-4 flex gap-1 border-b border-border">
        {tabs.map((tab) => (
          <Link
            key={tab.kind}
            to="/o/$slug/search"
            params={{ slug }}
            search={{ q: q || undefined, kind: tab.kind }}
            aria-current={tab.kind === kind ? "page" : undefined}
            className={`-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium ${
              tab.kind === kind
                ? "border-primary text-foreground"
                : "border-transparent text-muted-foreground hover:text-foreground"
            }`}
          >
            <tab.icon aria-hidden="true" className="size-4" />
            {tab.label}
          </Link>
        ))}
      </nav>
      {q.length === 0 ? (
        <EmptyState title="What are you looking for?">
          Type a word or two: a post's title, words from its text, a tag, or from a comment.
        </EmptyState>
      ) : kind === "posts" ? (
        <PostResults slug={slug} q={q} />
      ) : kind === "resources" ? (
        <ResourceResults slug={slug} q={q} />
      ) : (
        <CommentResults slug={slug} q={q} />
      )}
    </div>
  );
}

/** Said under the results when a common word's matches are listed newest first, unranked. */
function RecentNote({ mode }: { mode: "ranked" | "recent" | undefined }) {
  if (mode !== "recent") return null;
  return (
    <p className="mb-3 text-xs text-muted-foreground">
      Many matches: newest first. Add a word to narrow them down.
    </p>
  );
}

function PostResults({ slug, q }: { slug: string; q: string }) {
  const results = usePostSearch(q);
  if (results.isPending) return <LoadingState label="Searching…" />;
  if (results.isError)
    return <ErrorState error={results.error} onRetry={() => results.refetch()} />;
  const hits = results.data.pages.flatMap((page) => page.items);
  if (hits.length === 0)
    return <EmptyState title="No posts found">Nothing you can see matches “{q}”.</EmptyState>;
  return (
    <section aria-label="Posts found">
      <RecentNote mode={results.data.pages[0]?.mode} />
      <ol className="space-y-3" aria-busy={results.isPlaceholderData}>
        {hits.map((hit) => (
          <li key={hit.post.id}>
            <PostResult slug={slug} hit={hit} />
          </li>
        ))}
      </ol>
      <LoadMore list={results} failure="Could not load more results." />
    </section>
  );
}

function PostResult({ slug, hit }: { slug: string; hit: PostHit }) {
  const { post } = hit;
  return (
    <article
      aria-labelledby={`hit-${post.id}`}
      className="rounded-lg border border-border bg-surface px-4 py-3 shadow-sm sm:px-5"
    >
      <div className="space-y-1.5">
        <PostByline post={post} slug={slug} showSpace />
        <PostBadges post={post} />
        <h2 id={`hit-${post.id}`} className="text-base font-semibold wrap-anywhere text-foreground">
          <Link
            to="/o/$slug/s/$spaceSlug/p/$postId"
            params={{ slug, spaceSlug: post.space.slug, postId: post.id }}
            className="hover:underline"
          >
            {hit.title ? (
              <Marked value={hit.title} />
            ) : (
              `Update by ${post.author?.displayName ?? "a former member"}`
            )}
          </Link>
        </h2>
        {hit.snippet.text && (
          <p className="text-sm wrap-anywhere text-muted-foreground">
            <Marked value={hit.snippet} />
          </p>
        )}
      </div>
    </article>
  );
}

function CommentResults({ slug, q }: { slug: string; q: string }) {
  const results = useCommentSearch(q);
  if (results.isPending) return <LoadingState label="Searching…" />;
  if (results.isError)
    return <ErrorState error={results.error} onRetry={() => results.refetch()} />;
  const hits = results.data.pages.flatMap((page) => page.items);
  if (hits.length === 0)
    return <EmptyState title="No comments found">Nothing you can see matches “{q}”.</EmptyState>;
  return (
    <section aria-label="Comments found">
      <RecentNote mode={results.data.pages[0]?.mode} />
      <ol className="space-y-3" aria-busy={results.isPlaceholderData}>
        {hits.map((hit) => (
          <li key={hit.id}>
            <CommentResult slug={slug} hit={hit} />
          </li>
        ))}
      </ol>
      <LoadMore list={results} failure="Could not load more results." />
    </section>
  );
}

function CommentResult({ slug, hit }: { slug: string; hit: CommentHit }) {
  return (
    <article className="rounded-lg border border-border bg-surface px-4 py-3 shadow-sm sm:px-5">
      <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground">
        <span className="font-medium text-foreground">
          {hit.author?.displayName ?? "Former member"}
        </span>
        <span aria-hidden="true">·</span>
        <span>
          {hit.space.icon && <span aria-hidden="true">{hit.space.icon} </span>}
          {hit.space.name}
        </span>
        <span aria-hidden="true">·</span>
        <time dateTime={hit.createdAt.toISOString()}>{formatDateTime(hit.createdAt)}</time>
      </p>
      <p className="mt-1.5 text-sm wrap-anywhere text-foreground">
        <Marked value={hit.snippet} />
      </p>
      <Link
        to="/o/$slug/s/$spaceSlug/p/$postId"
        params={{ slug, spaceSlug: hit.space.slug, postId: hit.post.id }}
        hash={`comment-${hit.id}`}
        className="mt-1.5 inline-block text-xs font-medium text-accent-foreground hover:underline"
      >
        On “{hit.post.title ?? "an update"}”
      </Link>
    </article>
  );
}

function ResourceResults({ slug, q }: { slug: string; q: string }) {
  const results = useResourceSearch(q);
  if (results.isPending) return <LoadingState label="Searching…" />;
  if (results.isError)
    return <ErrorState error={results.error} onRetry={() => results.refetch()} />;
  const hits = results.data.pages.flatMap((page) => page.items);
  if (hits.length === 0)
    return <EmptyState title="No resources found">Nothing you can see matches “{q}”.</EmptyState>;
  return (
    <section aria-label="Resources found">
      <ol className="space-y-3" aria-busy={results.isPlaceholderData}>
        {hits.map((hit) => (
          <li key={hit.id}>
            <ResourceResult slug={slug} hit={hit} />
          </li>
        ))}
      </ol>
      <LoadMore list={results} failure="Could not load more results." />
    </section>
  );
}

/** A file or link found: its space's page (where it is downloaded or opened), or the link itself. */
function ResourceResult({ slug, hit }: { slug: string; hit: ResourceHit }) {
  return (
    <article className="rounded-lg border border-border bg-surface px-4 py-3 shadow-sm sm:px-5">
      <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground">
        <span className="font-medium text-foreground">{hit.kind === "link" ? "Link" : "File"}</span>
        <span aria-hidden="true">·</span>
        <span>
          {hit.space.icon && <span aria-hidden="true">{hit.space.icon} </span>}
          {hit.space.name}
        </span>
      </p>
      <h2 className="mt-1 text-base font-semibold wrap-anywhere text-foreground">
        {hit.kind === "link" && hit.url ? (
          <a
            href={hit.url}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="hover:underline"
          >
            <Marked value={hit.title} />
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : (
          <Link
            to="/o/$slug/s/$spaceSlug"
            params={{ slug, spaceSlug: hit.space.slug }}
            className="hover:underline"
          >
            <Marked value={hit.title} />
          </Link>
        )}
      </h2>
      {hit.snippet.text && (
        <p className="mt-1 text-sm wrap-anywhere text-muted-foreground">
          <Marked value={hit.snippet} />
        </p>
      )}
      {hit.file && (
        <p className="mt-1 text-xs wrap-anywhere text-muted-foreground">{hit.file.name}</p>
      )}
    </article>
  );
}
