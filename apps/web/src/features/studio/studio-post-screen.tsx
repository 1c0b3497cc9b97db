import { STUDIO_POST_MAX } from "@guild/api/schemas/studio";
import { Link, useNavigate } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { Button, ButtonLink } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ErrorState, FormAlert, LoadingState, NotFound } from "../../components/states.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { useMemberTimeZone } from "../calendar/use-member-time-zone.ts";
import { whenIn } from "../events/event-time.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { PostBodyField } from "./post-body-field.tsx";
import { ScheduleDialog } from "./schedule-dialog.tsx";
import { lengthLabels, platformLabels, toneLabels } from "./studio-labels.ts";
import { StudioStateBadge } from "./studio-state-badge.tsx";
import { type StudioPost, useStudioMutations, useStudioPost } from "./use-studio.ts";

/** One studio post: its text to edit (drafts and failed posts), its schedule and its story. */
export function StudioPostScreen({ postId }: { postId: string }) {
  const post = useStudioPost(postId);
  const { slug } = useCurrentOrganization();
  if (post.isPending) return <LoadingState label="Loading post…" />;
  if (post.isError)
    return isNotFound(post.error) ? (
      <NotFound title="Post not found" description="It was deleted, or it is not one of yours.">
        <ButtonLink to="/o/$slug/studio" params={{ slug }} variant="secondary">
          Back to the studio
        </ButtonLink>
      </NotFound>
    ) : (
      <ErrorState error={post.error} onRetry={() => void post.refetch()} />
    );
  // A fresh editor when the server's text changes (saved here, or in another tab).
  return <PostEditor key={`${post.data.id}:${post.data.updatedAt.getTime()}`} post={post.data} />;
}

function PostEditor({ post }: { post: StudioPost }) {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const { timeZone } = useMemberTimeZone();
  const { update, duplicate, remove, unschedule, retry } = useStudioMutations();
  const [body, setBody] = useState(post.body);
  const [scheduling, setScheduling] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const fieldErrors = useFieldErrors(update.error);
  const editable = post.state === "draft" || post.state === "failed";
  const dirty = editable && body !== post.body;
  const excerpt = post.body.slice(0, 40) || "Empty post";

  const save = (then?: () => void) =>
    update.mutate(
      { id: post.id, body },
      {
        onSuccess: () => {
          toast.success("Saved.");
          then?.();
        },
      },
    );

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <UnsavedChangesGuard dirty={dirty} />
      <PageHeader
        title="Studio post"
        description={
          <Link to="/o/$slug/studio" params={{ slug }} className="underline underline-offset-2">
            Back to the studio
          </Link>
        }
        actions={<StudioStateBadge state={post.state} />}
      />
      {post.state === "failed" && (
        <FormAlert>
          Publishing failed
          {post.attempts > 0
            ? ` after ${post.attempts} attempt${post.attempts === 1 ? "" : "s"}`
            : ""}
          : {post.error ?? "no reason was given"}.
        </FormAlert>
      )}
      {post.state === "scheduled" && post.scheduledAt && (
        <p role="status" className="rounded-md bg-info-muted px-3 py-2 text-sm text-info">
          Goes out {whenIn(post.scheduledAt, post.scheduledAt, timeZone)} to{" "}
          {post.target === "webhook"
            ? "the organization's webhook"
            : (post.space?.name ?? "a space")}
          . Unschedule it to edit the text.
        </p>
      )}
      {post.state === "published" && (
        <p role="status" className="rounded-md bg-success-muted px-3 py-2 text-sm text-success">
          Published
          {post.publishedAt ? ` ${whenIn(post.publishedAt, post.publishedAt, timeZone)}` : ""}
          {post.target === "webhook" ? " to the organization's webhook" : ""}.{" "}
          {post.space && post.publishedPostId && (
            <Link
              to="/o/$slug/s/$spaceSlug/p/$postId"
              params={{ slug, spaceSlug: post.space.slug, postId: post.publishedPostId }}
              className="font-medium underline underline-offset-2"
            >
              See it in {post.space.name}
            </Link>
          )}
        </p>
      )}
      <Card title="Text">
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <PostBodyField
            id="studio-body"
            value={body}
            max={STUDIO_POST_MAX}
            readOnly={!editable}
            error={fieldErrors.errors.body}
            onChange={(value) => {
              setBody(value);
              fieldErrors.changedField("body");
            }}
          />
          {update.isError && !fieldErrors.errors.body && (
            <FormAlert>{errorMessage(update.error)}</FormAlert>
          )}
          <div className="flex flex-wrap gap-2">
            {editable && (
              <Button
                type="submit"
                pending={update.isPending}
                disabled={!dirty || body.length > STUDIO_POST_MAX}
              >
                Save
              </Button>
            )}
            {post.state === "draft" && (
              <Button
                variant="secondary"
                disabled={body.length > STUDIO_POST_MAX || body.trim() === ""}
                // Unsaved text is saved first: the schedule publishes what the server has.
                onClick={() => (dirty ? save(() => setScheduling(true)) : setScheduling(true))}
              >
                Schedule…
              </Button>
            )}
            {post.state === "scheduled" && (
              <>
                <Button variant="secondary" onClick={() => setScheduling(true)}>
                  Reschedule…
                </Button>
                <Button
                  variant="secondary"
                  pending={unschedule.isPending}
                  onClick={() =>
                    unschedule.mutate(
                      { id: post.id },
                      { onSuccess: () => toast.success("Unscheduled: it is a draft again.") },
                    )
                  }
                >
                  Unschedule
                </Button>
              </>
            )}
            {post.state === "failed" && (
              <Button
                variant="secondary"
                pending={retry.isPending}
                onClick={() =>
                  retry.mutate(
                    { id: post.id },
                    { onSuccess: () => toast.success("Publishing again now.") },
                  )
                }
              >
                Retry now
              </Button>
            )}
            <Button
              variant="secondary"
              pending={duplicate.isPending}
              onClick={() =>
                duplicate.mutate(
                  { id: post.id },
                  {
                    onSuccess: (copy) => {
                      toast.success("Duplicated: this is the copy, a draft.");
                      void navigate({
                        to: "/o/$slug/studio/$postId",
                        params: { slug, postId: copy.id },
                      });
                    },
                  },
                )
              }
            >
              Duplicate
            </Button>
            <Button variant="danger-ghost" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </div>
          {(unschedule.isError || retry.isError || duplicate.isError) && (
            <FormAlert>
              {errorMessage(unschedule.error ?? retry.error ?? duplicate.error)}
            </FormAlert>
          )}
        </form>
      </Card>
      <Card title="Details">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <Detail term="Topic">{post.topic || "—"}</Detail>
          <Detail term="Tone">{toneLabels[post.tone]}</Detail>
          <Detail term="Platform">{platformLabels[post.platform]}</Detail>
          <Detail term="Length">{lengthLabels[post.length]}</Detail>
          <Detail term="Model">{post.model ?? "Written by hand"}</Detail>
          <Detail term="Tokens">
            {post.promptTokens === null && post.completionTokens === null
              ? "—"
              : `${post.promptTokens ?? "?"} in, ${post.completionTokens ?? "?"} out`}
          </Detail>
          <Detail term="Publishing attempts">{post.attempts}</Detail>
          <Detail term="Last changed">{whenIn(post.updatedAt, post.updatedAt, timeZone)}</Detail>
        </dl>
        {post.prompt && (
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer font-medium text-foreground">The prompt</summary>
            <p className="mt-2 whitespace-pre-wrap text-muted-foreground">{post.prompt}</p>
          </details>
        )}
      </Card>
      <ScheduleDialog
        post={post}
        open={scheduling}
        timeZone={timeZone}
        onClose={() => setScheduling(false)}
      />
      <ConfirmDialog
        open={deleting}
        title="Delete this post?"
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() =>
          remove.mutate(
            { id: post.id },
            {
              onSuccess: () => {
                toast.success(`Deleted “${excerpt}”.`);
                void navigate({ to: "/o/$slug/studio", params: { slug } });
              },
            },
          )
        }
        onClose={() => setDeleting(false)}
      >
        {post.state === "scheduled"
          ? "It is scheduled: it will not go out. This cannot be undone."
          : "This cannot be undone."}
      </ConfirmDialog>
    </div>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3 border-b border-border py-1 sm:block">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="text-foreground wrap-anywhere">{children}</dd>
    </div>
  );
}
