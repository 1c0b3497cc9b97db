import { can as canModerate } from "@guild/api/policies/moderation";
import { Link } from "@tanstack/react-router";
import { Lock, MessageSquare } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { Markdown } from "../../components/markdown.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { ReportDialog } from "../moderation/report-dialog.tsx";
import { useModerationActions } from "../moderation/use-moderation.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { CommentForm, ThreadSpaceContext } from "./comment-form.tsx";
import { ReactionControls } from "./reactions.tsx";
import {
  type Comment,
  type CommentCursor,
  useCommentMutations,
  useComments,
  useMoreReplies,
} from "./use-comments.ts";

/** What the thread needs of its post. */
export interface ThreadPost {
  id: string;
  /** Its space: images put in comments belong to it. */
  spaceId: string;
  locked: boolean;
  commentCount: number;
}

const staffRoles = new Set(["owner", "admin", "moderator"]);

/**
 * A post's comments under the post: the reply box (none on a locked post, except for moderators,
 * as the API decides), the comments oldest first with their replies nested (a level deeper
 * indents less on a phone), "Load more replies" and "Load more comments".
 */
export function CommentThread({ post }: { post: ThreadPost }) {
  const comments = useComments(post.id);
  const { create } = useCommentMutations();
  const { membership } = useCurrentOrganization();
  const canComment = !post.locked || staffRoles.has(membership.role);
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <ThreadSpaceContext.Provider value={post.spaceId}>
      <section aria-labelledby="comments-heading" className="space-y-4">
        <h2
          id="comments-heading"
          className="flex items-center gap-2 text-lg font-semibold text-foreground"
        >
          <MessageSquare aria-hidden="true" className="size-5" />
          Comments
          <span className="text-sm font-normal text-muted-foreground">
            ({post.commentCount.toLocaleString("en")})
          </span>
        </h2>
        {post.locked && (
          <p className="flex items-center gap-2 rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
            <Lock aria-hidden="true" className="size-4" />
            This post is locked: it takes no new comments.
          </p>
        )}
        {canComment && (
          <CommentForm
            label="Comment on the post"
            submitLabel="Comment"
            pending={create.isPending}
            error={create.error}
            onSubmit={async (body) => {
              try {
                await create.mutateAsync({ postId: post.id, body });
                return true;
              } catch {
                return false;
              }
            }}
          />
        )}
        {comments.isPending ? (
          <LoadingState label="Loading comments…" />
        ) : comments.isError ? (
          <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />
        ) : items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No comments yet. Start the conversation.</p>
        ) : (
          <>
            <ol aria-label="Comments" className="space-y-4">
              {items.map((comment) => (
                <CommentItem key={comment.id} comment={comment} canReply={canComment} />
              ))}
            </ol>
            <LoadMore list={comments} failure="The next comments could not be loaded." />
          </>
        )}
      </section>
    </ThreadSpaceContext.Provider>
  );
}

function CommentItem({ comment, canReply }: { comment: Comment; canReply: boolean }) {
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [moderatorDeleting, setModeratorDeleting] = useState(false);
  const { create, update, remove } = useCommentMutations();
  const { membership } = useCurrentOrganization();
  const moderator = canModerate(membership, "moderate");
  const { hideComment, removeComment } = useModerationActions();
  const name = comment.author?.name ?? "Former member";
  const live = comment.status === "live";
  return (
    <li id={`comment-${comment.id}`} className="min-w-0">
      <article
        aria-label={live ? `Comment by ${name}` : "Deleted comment"}
        className="space-y-2 rounded-lg border border-border bg-surface px-3 py-3 sm:px-4"
      >
        <header className="flex flex-wrap items-baseline gap-x-2 text-sm">
          {live ? (
            <Author comment={comment} />
          ) : (
            <span className="italic text-muted-foreground">
              {comment.status === "deleted"
                ? "This comment was deleted."
                : "This comment was hidden by a moderator."}
            </span>
          )}
          <time
            dateTime={comment.createdAt.toISOString()}
            className="text-xs text-muted-foreground"
          >
            {formatDateTime(comment.createdAt)}
          </time>
          {comment.editedAt && <span className="text-xs text-muted-foreground">(edited)</span>}
          {live && comment.hidden && (
            <span className="rounded bg-muted px-1.5 py-0.5 text-xs text-muted-foreground">
              Hidden from members
            </span>
          )}
        </header>
        {editing ? (
          <CommentForm
            label={`Edit your comment`}
            submitLabel="Save"
            initialBody={comment.body ?? ""}
            autoFocus
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={async (body) => {
              try {
                await update.mutateAsync({ id: comment.id, body });
                setEditing(false);
                return true;
              } catch {
                return false;
              }
            }}
          />
        ) : (
          comment.body !== null && (
            <Markdown className="text-sm text-foreground">{comment.body}</Markdown>
          )
        )}
        {live && !editing && (
          <footer className="flex flex-wrap items-center gap-2">
            <ReactionControls state={comment.reactions} label={`${name}'s comment`} />
            <div className="ml-auto flex flex-wrap gap-1">
              {canReply && (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-expanded={replying}
                  onClick={() => setReplying((open) => !open)}
                >
                  Reply
                </Button>
              )}
              {comment.canEdit && (
                <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
              {comment.canDelete && (
                <Button variant="danger-ghost" size="sm" onClick={() => setDeleting(true)}>
                  Delete
                </Button>
              )}
              {!comment.canEdit && (
                <Button variant="ghost" size="sm" onClick={() => setReporting(true)}>
                  Report
                </Button>
              )}
              {moderator && (
                <Button
                  variant="ghost"
                  size="sm"
                  pending={hideComment.isPending}
                  onClick={() =>
                    hideComment.mutate(
                      { id: comment.id, hidden: !comment.hidden },
                      {
                        onSuccess: () =>
                          toast.success(
                            comment.hidden
                              ? "Comment shown again."
                              : "Comment hidden from the members.",
                          ),
                        onError: (error) => toast.error(errorMessage(error)),
                      },
                    )
                  }
                >
                  {comment.hidden ? "Unhide" : "Hide"}
                </Button>
              )}
              {moderator && !comment.canDelete && (
                <Button
                  variant="danger-ghost"
                  size="sm"
                  onClick={() => {
                    removeComment.reset();
                    setModeratorDeleting(true);
                  }}
                >
                  Delete
                </Button>
              )}
            </div>
          </footer>
        )}
      </article>
      {/* A lock heard live closes an open reply box at once (the thread's notice says why). */}
      {replying && canReply && (
        <div className="mt-2 border-l-2 border-border pl-2 sm:pl-4">
          <CommentForm
            label={`Reply to ${name}`}
            submitLabel="Reply"
            autoFocus
            pending={create.isPending}
            error={create.error}
            onCancel={() => setReplying(false)}
            onSubmit={async (body) => {
              try {
                await create.mutateAsync({
                  postId: comment.postId,
                  parentCommentId: comment.id,
                  body,
                });
                setReplying(false);
                return true;
              } catch {
                return false;
              }
            }}
          />
        </div>
      )}
      {(comment.replies.length > 0 || comment.moreReplies) && (
        <div className="mt-2 border-l-2 border-border pl-2 sm:pl-4">
          {comment.replies.length > 0 && (
            <ol
              aria-label={`Replies to ${live ? name : "a deleted comment"}`}
              className="space-y-2"
            >
              {comment.replies.map((reply) => (
                <CommentItem key={reply.id} comment={reply} canReply={canReply} />
              ))}
            </ol>
          )}
          {comment.moreReplies && (
            <MoreReplies
              comment={comment}
              after={comment.moreReplies}
              remaining={comment.replyCount - comment.replies.length}
              canReply={canReply}
            />
          )}
        </div>
      )}
      <ConfirmDialog
        open={deleting}
        title="Delete this comment?"
        confirmLabel="Delete comment"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() =>
          remove.mutate(
            { id: comment.id },
            {
              onSuccess: () => {
                setDeleting(false);
                toast.success("Comment deleted.");
              },
            },
          )
        }
        onClose={() => setDeleting(false)}
      >
        <p>Its text goes; a placeholder keeps the replies under it in place.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={moderatorDeleting}
        title={`Delete ${name}'s comment?`}
        confirmLabel="Delete comment"
        pending={removeComment.isPending}
        error={removeComment.error ? errorMessage(removeComment.error) : null}
        onConfirm={() =>
          removeComment.mutate(
            { id: comment.id },
            {
              onSuccess: () => {
                setModeratorDeleting(false);
                toast.success("Comment deleted.");
              },
            },
          )
        }
        onClose={() => setModeratorDeleting(false)}
      >
        <p>Its text goes for everyone; a placeholder keeps the replies under it in place.</p>
      </ConfirmDialog>
      {reporting && (
        <ReportDialog
          target={{ postId: comment.postId, commentId: comment.id, kind: "comment" }}
          onClose={() => setReporting(false)}
        />
      )}
    </li>
  );
}

function Author({ comment }: { comment: Comment }) {
  const organization = useCurrentOrganization();
  const author = comment.author;
  if (!author) return <span className="font-medium text-muted-foreground">Former member</span>;
  return (
    <span className="inline-flex min-w-0 items-center gap-2">
      {author.avatarUrl ? (
        <img src={author.avatarUrl} alt="" className="size-6 rounded-full object-cover" />
      ) : (
        <span
          aria-hidden="true"
          className="grid size-6 place-items-center rounded-full bg-muted text-xs font-medium text-muted-foreground"
        >
          {author.name.slice(0, 1).toUpperCase()}
        </span>
      )}
      {author.username ? (
        <Link
          to="/o/$slug/u/$username"
          params={{ slug: organization.slug, username: author.username }}
          className="truncate font-medium text-foreground hover:underline"
        >
          {author.name}
        </Link>
      ) : (
        <span className="truncate font-medium text-foreground">{author.name}</span>
      )}
    </span>
  );
}

/** "Load more replies": the rest of a comment's replies, on demand, page by page. */
function MoreReplies({
  comment,
  after,
  remaining,
  canReply,
}: {
  comment: Comment;
  after: CommentCursor;
  remaining: number;
  canReply: boolean;
}) {
  const [open, setOpen] = useState(false);
  const more = useMoreReplies(comment.id, after, open);
  const items = more.data?.pages.flatMap((page) => page.items) ?? [];
  if (!open)
    return (
      <Button variant="ghost" size="sm" className="mt-1" onClick={() => setOpen(true)}>
        {remaining === 1 ? "Load 1 more reply" : `Load ${remaining} more replies`}
      </Button>
    );
  if (more.isPending) return <LoadingState label="Loading replies…" />;
  if (more.isError) return <ErrorState error={more.error} onRetry={() => void more.refetch()} />;
  return (
    <>
      <ol aria-label="More replies" className="mt-2 space-y-2">
        {items.map((reply) => (
          <CommentItem key={reply.id} comment={reply} canReply={canReply} />
        ))}
      </ol>
      <LoadMore list={more} failure="The next replies could not be loaded." />
    </>
  );
}
