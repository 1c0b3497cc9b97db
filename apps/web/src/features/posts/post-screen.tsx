import { can as canModerate } from "@guild/api/policies/moderation";
import { Link, useNavigate } from "@tanstack/react-router";
import { ArrowLeft, Eye, MessageSquare } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { Markdown } from "../../components/markdown.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { CommentThread } from "../comments/comment-thread.tsx";
import { PostReactions } from "../comments/reactions.tsx";
import { PostModerationMenu } from "../moderation/post-moderation-menu.tsx";
import { ReportDialog } from "../moderation/report-dialog.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { PostBadges, PostByline } from "./post-card.tsx";
import { PostComposer } from "./post-composer.tsx";
import { type Post, useCountView, usePost, usePostMutations } from "./use-posts.ts";

/**
 * A post's page: the whole post, rendered by the sanitizing markdown renderer, with its edited
 * marker and view count; its author edits (and publishes a draft) or deletes it here. A post the
 * member cannot see is "not found", as the API answers.
 */
export function PostScreen({ slug, postId }: { slug: string; postId: string }) {
  const post = usePost(postId);
  useCountView(postId);
  if (post.isPending) return <LoadingState label="Loading the post…" />;
  if (post.isError)
    return isNotFound(post.error) ? (
      <NotFound
        title="Post not found"
        description="There is no post at this address that you can see. It may have been deleted."
      />
    ) : (
      <ErrorState error={post.error} onRetry={() => void post.refetch()} />
    );
  return <PostView post={post.data} slug={slug} />;
}

function PostView({ post, slug }: { post: Post; slug: string }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [reporting, setReporting] = useState(false);
  const { membership } = useCurrentOrganization();
  const moderator = canModerate(membership, "moderate");
  const { remove } = usePostMutations();
  const navigate = useNavigate();
  const spaceLink = {
    to: "/o/$slug/s/$spaceSlug",
    params: { slug, spaceSlug: post.space.slug },
  } as const;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link
        {...spaceLink}
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {post.space.icon && <span aria-hidden="true">{post.space.icon}</span>}
        {post.space.name}
      </Link>
      <article
        aria-labelledby="post-title"
        className="space-y-4 rounded-lg border border-border bg-surface px-4 py-5 shadow-sm sm:px-6"
      >
        <header className="space-y-2">
          <PostBadges post={post} />
          <h1
            id="post-title"
            className="text-2xl font-semibold tracking-tight wrap-anywhere text-foreground"
          >
            {post.title ?? (
              <span className="sr-only">
                Update by {post.author?.displayName ?? "a former member"}
              </span>
            )}
          </h1>
          <PostByline post={post} slug={slug} />
        </header>
        {editing ? (
          <PostComposer
            spaceId={post.space.id}
            post={post}
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          post.body && <Markdown className="text-foreground">{post.body}</Markdown>
        )}
        {post.status === "published" && <PostReactions postId={post.id} />}
        <footer className="flex flex-wrap items-center justify-between gap-3 border-t border-border pt-3">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted-foreground">
            <span className="inline-flex items-center gap-1">
              <Eye aria-hidden="true" className="size-4" />
              {post.viewCount === 1 ? "1 view" : `${post.viewCount.toLocaleString("en")} views`}
            </span>
            <span className="inline-flex items-center gap-1">
              <MessageSquare aria-hidden="true" className="size-4" />
              {post.commentCount === 1
                ? "1 comment"
                : `${post.commentCount.toLocaleString("en")} comments`}
            </span>
          </div>
          {!editing && (
            <div className="flex flex-wrap gap-2">
              {post.isMine && (
                <>
                  <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
                    Edit
                  </Button>
                  <Button variant="danger-ghost" size="sm" onClick={() => setDeleting(true)}>
                    Delete
                  </Button>
                </>
              )}
              {!post.isMine && post.status === "published" && (
                <Button variant="ghost" size="sm" onClick={() => setReporting(true)}>
                  Report
                </Button>
              )}
              {moderator && post.status === "published" && (
                <PostModerationMenu post={post} slug={slug} />
              )}
            </div>
          )}
        </footer>
      </article>
      {post.status === "published" && (
        <div id="comments">
          <CommentThread
            post={{
              id: post.id,
              spaceId: post.space.id,
              locked: post.locked,
              commentCount: post.commentCount,
            }}
          />
        </div>
      )}
      {reporting && (
        <ReportDialog
          target={{ postId: post.id, kind: "post" }}
          onClose={() => setReporting(false)}
        />
      )}
      <ConfirmDialog
        open={deleting}
        title="Delete this post?"
        confirmLabel="Delete post"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() =>
          remove.mutate(
            { id: post.id },
            {
              onSuccess: () => {
                setDeleting(false);
                toast.success("Post deleted.");
                void navigate(spaceLink);
              },
            },
          )
        }
        onClose={() => setDeleting(false)}
      >
        <p>It disappears from the feeds and its page, with its comments.</p>
      </ConfirmDialog>
    </div>
  );
}
