import type { RouterOutputs } from "@guild/api";
import { hasRole } from "@guild/db/enums";
import { useQuery } from "@tanstack/react-query";
import { Bell, BellOff } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { SelectField } from "../../components/field.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { ChatView } from "../chat/chat-view.tsx";
import { NewCourseButton } from "../course-studio/new-course-dialog.tsx";
import { canCreateEvents, EventSpaceView, NewEventButton } from "../events/event-space-view.tsx";
import { CourseSpaceView } from "../learning/course-list.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { SpaceFeed } from "../posts/post-feed.tsx";
import { ResourcesView } from "../resources/resources-view.tsx";
import { SpaceFormDialog } from "./space-form-dialog.tsx";
import { spaceTypeLabels, visibilityLabels } from "./space-labels.ts";
import { useMarkSpaceRead } from "./use-space-read.ts";
import { useSpace, useSpaceMembers, useSpaceMutations } from "./use-spaces.ts";

type Space = RouterOutputs["space"]["get"];

/**
 * A space's page: what it is and who is in it, with join, leave and mute for the member, and for
 * admins editing, archiving and (private and paid spaces) adding people. A space the member
 * cannot see is "not found", as the API answers.
 */
export function SpaceScreen({ spaceSlug }: { spaceSlug: string }) {
  const space = useSpace(spaceSlug);
  if (space.isPending) return <LoadingState />;
  if (space.isError)
    return isNotFound(space.error) ? (
      <NotFound
        title="Space not found"
        description="There is no space at this address that you can see."
      />
    ) : (
      <ErrorState error={space.error} onRetry={() => void space.refetch()} />
    );
  return <SpaceView space={space.data} />;
}

function SpaceView({ space }: { space: Space }) {
  const organization = useCurrentOrganization();
  // Moderators and up write courses (course.create), admins manage the space itself.
  const writesCourses =
    space.type === "course" &&
    !space.archived &&
    hasRole(organization.membership.role, "moderator");
  const { join, leave, mute, archive } = useSpaceMutations();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  // Opening the space reads it (the sidebar's count clears); what was new stays labelled.
  const newSince = useMarkSpaceRead(space.id, !space.archived);
  const membershipError = join.error ?? leave.error ?? mute.error;
  const spaceContent =
    space.type === "discussion" ? (
      <SpaceFeed space={space} slug={organization.slug} newSince={newSince} />
    ) : space.type === "course" ? (
      <CourseSpaceView space={space} />
    ) : space.type === "resources" ? (
      <ResourcesView space={space} />
    ) : space.type === "events" ? (
      <EventSpaceView space={space} />
    ) : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {space.icon && <span aria-hidden="true">{space.icon}</span>}
            <span className="wrap-anywhere">{space.name}</span>
          </span>
        }
        description={space.description || undefined}
        actions={
          <>
            {writesCourses && <NewCourseButton space={space} />}
            {canCreateEvents(space, organization.membership.role) && (
              <NewEventButton space={space} />
            )}
            {space.canJoin && (
              <Button pending={join.isPending} onClick={() => join.mutate({ spaceId: space.id })}>
                Join space
              </Button>
            )}
            {space.joined && (
              <>
                <Button
                  variant="secondary"
                  aria-pressed={space.muted}
                  pending={mute.isPending}
                  onClick={() => mute.mutate({ spaceId: space.id, muted: !space.muted })}
                >
                  {space.muted ? (
                    <BellOff aria-hidden="true" className="size-4" />
                  ) : (
                    <Bell aria-hidden="true" className="size-4" />
                  )}
                  {space.muted ? "Unmute" : "Mute"}
                </Button>
                <Button
                  variant="secondary"
                  pending={leave.isPending}
                  onClick={() =>
                    leave.mutate(
                      { spaceId: space.id },
                      { onSuccess: () => toast.success(`You left ${space.name}.`) },
                    )
                  }
                >
                  Leave
                </Button>
              </>
            )}
            {space.canManage && (
              <>
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  Edit space
                </Button>
                <Button
                  variant={space.archived ? "secondary" : "danger-ghost"}
                  onClick={() =>
                    space.archived
                      ? archive.mutate({ id: space.id, archived: false })
                      : setArchiving(true)
                  }
                >
                  {space.archived ? "Restore" : "Archive"}
                </Button>
              </>
            )}
          </>
        }
      />
      {membershipError && <ErrorAlert error={membershipError} />}
      {archive.error && !archiving && <ErrorAlert error={archive.error} />}
      {space.type === "chat" ? (
        <ChatView space={space} newSince={newSince} />
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          {spaceContent ? (
            // A space is what it holds (posts, courses, resources); what it is and who is in it
            // go to the side.
            <>
              {spaceContent}
              <div className="space-y-6">
                <SpaceDetails space={space} />
                <SpaceMembers space={space} />
              </div>
            </>
          ) : (
            <>
              <SpaceDetails space={space} />
              <SpaceMembers space={space} />
            </>
          )}
        </div>
      )}
      <SpaceFormDialog open={editing} space={space} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={archiving}
        title={`Archive ${space.name}?`}
        confirmLabel="Archive space"
        pending={archive.isPending}
        error={archive.error ? errorMessage(archive.error) : null}
        onConfirm={() =>
          archive.mutate(
            { id: space.id, archived: true },
            {
              onSuccess: () => {
                setArchiving(false);
                toast.success(`Archived ${space.name}.`);
              },
            },
          )
        }
        onClose={() => setArchiving(false)}
      >
        <p>Members no longer see it. Admins and moderators can restore it.</p>
      </ConfirmDialog>
    </div>
  );
}

function SpaceDetails({ space }: { space: Space }) {
  const status = space.archived
    ? "Archived"
    : space.joined
      ? space.muted
        ? "You are a member (muted)"
        : "You are a member"
      : "You have not joined";
  return (
    <Card title="About this space">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-muted-foreground">Type</dt>
          <dd className="font-medium text-foreground">{spaceTypeLabels[space.type]}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Who can see it</dt>
          <dd className="font-medium text-foreground">{visibilityLabels[space.visibility]}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Members</dt>
          <dd className="font-medium text-foreground tabular-nums">
            {space.memberCount.toLocaleString("en")}
          </dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Created</dt>
          <dd className="font-medium text-foreground">{formatDate(space.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Your membership</dt>
          <dd className="font-medium text-foreground">{status}</dd>
        </div>
        {space.section && (
          <div>
            <dt className="text-muted-foreground">Sidebar group</dt>
            <dd className="font-medium text-foreground wrap-anywhere">{space.section}</dd>
          </div>
        )}
        {space.visibility === "paid" && (
          <div className="sm:col-span-2">
            <dt className="text-muted-foreground">Opened by the tiers</dt>
            <dd className="font-medium text-foreground">
              {space.tiers.length ? space.tiers.map((t) => t.name).join(", ") : "None yet"}
            </dd>
          </div>
        )}
      </dl>
    </Card>
  );
}

function SpaceMembers({ space }: { space: Space }) {
  const members = useSpaceMembers(space.id);
  const { addMember, removeMember } = useSpaceMutations();
  const trpc = useOrgTRPC();
  // Admins add people to private spaces (the way in) and paid ones (a grant without the tier).
  const managing = space.canManage && space.visibility !== "public";
  const everyone = useQuery({
    ...trpc.member.list.queryOptions({ limit: 100 }),
    enabled: managing,
  });
  const [choice, setChoice] = useState("");
  const inSpace = new Set(members.data?.map((m) => m.memberId));
  const candidates = everyone.data?.items.filter((m) => !inSpace.has(m.id)) ?? [];
  return (
    <Card title={`Members (${space.memberCount.toLocaleString("en")})`}>
      {members.isPending ? (
        <LoadingState label="Loading members…" />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">No one has joined yet.</p>
      ) : (
        <ul aria-label="Space members" className="divide-y divide-border">
          {members.data.map((m) => (
            <li key={m.memberId} className="flex items-center justify-between gap-2 py-2 text-sm">
              <span className="min-w-0">
                <span className="block truncate font-medium text-foreground">{m.name}</span>
                <span className="text-xs text-muted-foreground">
                  {m.access === "added" ? "Added by an admin" : "Joined"} · {formatDate(m.joinedAt)}
                </span>
              </span>
              {managing && (
                <Button
                  size="sm"
                  variant="danger-ghost"
                  aria-label={`Remove ${m.name} from ${space.name}`}
                  pending={
                    removeMember.isPending && removeMember.variables?.memberId === m.memberId
                  }
                  onClick={() => removeMember.mutate({ spaceId: space.id, memberId: m.memberId })}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {managing && (
        <form
          className="mt-4 flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (!choice) return;
            addMember.mutate(
              { spaceId: space.id, memberId: choice },
              { onSuccess: () => setChoice("") },
            );
          }}
        >
          <SelectField
            label="Add a member"
            className="min-w-0 flex-1"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">Choose a member…</option>
            {candidates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <Button type="submit" disabled={!choice} pending={addMember.isPending}>
            Add
          </Button>
        </form>
      )}
      {(addMember.error ?? removeMember.error) && (
        <div className="mt-3">
          <ErrorAlert error={addMember.error ?? removeMember.error} />
        </div>
      )}
    </Card>
  );
}
