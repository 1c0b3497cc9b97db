import { hasRole, type StudioPostState } from "@guild/db/enums";
import { Link } from "@tanstack/react-router";
import { CalendarDays } from "lucide-react";
import { ButtonLink } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { useMemberTimeZone } from "../calendar/use-member-time-zone.ts";
import { whenIn } from "../events/event-time.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { GenerateCard } from "./generate-card.tsx";
import { stateLabels } from "./studio-labels.ts";
import { studioStates } from "./studio-search.ts";
import { StudioStateBadge } from "./studio-state-badge.tsx";
import { type StudioPost, useStudioPosts } from "./use-studio.ts";
import { WebhookSettingsCard } from "./webhook-settings.tsx";

const emptyWords: Record<StudioPostState, string> = {
  draft: "A new post is saved here as a draft, to edit and schedule.",
  scheduled: "Schedule a draft from its editor and it waits here until it goes out.",
  published: "Posts that went out to a space or the webhook are listed here.",
  failed: "Nothing failed to publish.",
};

/** The member's content studio: a new post from a brief, then their posts by state. */
export function StudioScreen({ state }: { state: StudioPostState }) {
  const { slug, membership } = useCurrentOrganization();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Studio"
        description="Generate posts, edit them, and schedule them for a space or the webhook."
        actions={
          <ButtonLink to="/o/$slug/studio/calendar" params={{ slug }} variant="secondary">
            <CalendarDays aria-hidden="true" className="size-4" />
            Calendar
          </ButtonLink>
        }
      />
      <GenerateCard />
      <section aria-labelledby="studio-posts" className="space-y-3">
        <h2 id="studio-posts" className="text-lg font-semibold text-foreground">
          Your posts
        </h2>
        <nav aria-label="Posts by state" className="flex flex-wrap gap-1 rounded-md bg-muted p-1">
          {studioStates.map((s) => (
            <ButtonLink
              key={s}
              to="/o/$slug/studio"
              params={{ slug }}
              search={s === "draft" ? {} : { state: s }}
              aria-current={s === state ? "page" : undefined}
              variant={s === state ? "secondary" : "ghost"}
              size="sm"
            >
              {stateLabels[s]}
            </ButtonLink>
          ))}
        </nav>
        <PostList state={state} />
      </section>
      {hasRole(membership.role, "admin") && <WebhookSettingsCard />}
    </div>
  );
}

function PostList({ state }: { state: StudioPostState }) {
  const posts = useStudioPosts(state);
  const { timeZone } = useMemberTimeZone();
  if (posts.isPending) return <LoadingState label="Loading posts…" />;
  if (posts.isError) return <ErrorState error={posts.error} onRetry={() => void posts.refetch()} />;
  const items = posts.data.pages.flatMap((page) => page.items);
  if (items.length === 0)
    return (
      <EmptyState title={`No ${stateLabels[state].toLowerCase()}`}>{emptyWords[state]}</EmptyState>
    );
  return (
    <div
      aria-busy={posts.isPlaceholderData || undefined}
      className="rounded-lg border border-border bg-surface"
    >
      <ul className="divide-y divide-border">
        {items.map((post) => (
          <PostRow key={post.id} post={post} timeZone={timeZone} />
        ))}
      </ul>
      <LoadMore list={posts} failure="Could not load more posts." />
    </div>
  );
}

function PostRow({ post, timeZone }: { post: StudioPost; timeZone: string }) {
  const { slug } = useCurrentOrganization();
  const at = post.publishedAt ?? post.scheduledAt ?? post.updatedAt;
  const when =
    post.state === "published"
      ? "Published"
      : post.state === "scheduled"
        ? "Goes out"
        : post.state === "failed"
          ? "Was due"
          : "Changed";
  const where = post.target === "webhook" ? "webhook" : post.space?.name;
  return (
    <li className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-3">
      <StudioStateBadge state={post.state} />
      <Link
        to="/o/$slug/studio/$postId"
        params={{ slug, postId: post.id }}
        className="min-w-0 flex-1 truncate text-sm font-medium text-foreground underline-offset-2 hover:underline"
      >
        {post.body.trim() || "Empty post"}
      </Link>
      <span className="shrink-0 text-xs text-muted-foreground">
        {when} {whenIn(at, at, timeZone)}
        {where && post.state !== "draft" ? ` · ${where}` : ""}
      </span>
    </li>
  );
}
