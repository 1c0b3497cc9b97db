import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { Markdown } from "../../components/markdown.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { isNotFound } from "../../lib/errors.ts";
import { MemberAvatar } from "../members/member-avatar.tsx";
import { MyPicture } from "../members/my-picture.tsx";
import { roleLabel } from "../members/role-label.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { presenceLabel } from "./presence.ts";
import { ProfileForm } from "./profile-form.tsx";
import { type MemberProfile, useProfile } from "./use-profiles.ts";

const languageNames = new Intl.DisplayNames(undefined, { type: "language" });

/** The time where the member is, e.g. "14:05 (Europe/Paris)". */
function localTime(timeZone: string): string {
  const time = new Intl.DateTimeFormat(undefined, { timeStyle: "short", timeZone }).format(
    new Date(),
  );
  return `${time} (${timeZone.replaceAll("_", " ")})`;
}

/** A member's profile page, /o/$slug/u/$username; their own has "Edit profile". */
export function ProfileScreen({ username }: { username: string }) {
  const profile = useProfile(username);
  if (profile.isPending) return <LoadingState label="Loading profile…" />;
  if (profile.isError)
    return isNotFound(profile.error) ? (
      <NotFound
        title="Member not found"
        description={`Nobody in this organization is called @${username}.`}
      />
    ) : (
      <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
    );
  return <Profile profile={profile.data} />;
}

function Profile({ profile }: { profile: MemberProfile }) {
  const [editing, setEditing] = useState(false);
  const navigate = useNavigate();
  const organization = useCurrentOrganization();
  const details: [string, string][] = [
    ["Role", roleLabel(profile.role)],
    ["Joined", profile.joinedAt.toLocaleDateString(undefined, { dateStyle: "long" })],
  ];
  if (profile.timeZone) details.push(["Local time", localTime(profile.timeZone)]);
  if (profile.language)
    details.push(["Language", languageNames.of(profile.language) ?? profile.language]);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-center">
        <MemberAvatar name={profile.displayName} avatarUrl={profile.avatarUrl} size="lg" />
        <div className="min-w-0 flex-1 space-y-1 wrap-anywhere">
          <h1 className="text-2xl font-semibold text-foreground">{profile.displayName}</h1>
          <p className="text-sm text-muted-foreground">
            @{profile.username}
            <span className="ml-2 rounded-full bg-muted px-2 py-0.5 text-xs font-medium text-foreground">
              {roleLabel(profile.role)}
            </span>
          </p>
          {profile.headline && <p className="text-foreground">{profile.headline}</p>}
          <p className="flex items-center gap-1.5 text-sm text-muted-foreground">
            <span
              aria-hidden="true"
              className={`size-2 rounded-full ${profile.online ? "bg-success-solid" : "bg-muted-strong"}`}
            />
            {presenceLabel(profile.online, profile.lastSeenAt)}
          </p>
        </div>
        {profile.isMe && !editing && (
          <Button type="button" onClick={() => setEditing(true)}>
            Edit profile
          </Button>
        )}
      </header>

      {editing ? (
        <>
          {/* Pictures are per membership; for plain members this is where theirs is set. */}
          <MyPicture />
          <Card title="Edit profile">
            <ProfileForm
              profile={profile}
              onDone={(saved) => {
                setEditing(false);
                if (saved.username !== profile.username)
                  void navigate({
                    to: "/o/$slug/u/$username",
                    params: { slug: organization.slug, username: saved.username },
                    replace: true,
                  });
              }}
            />
          </Card>
        </>
      ) : (
        <>
          <Card title="About">
            {profile.bio ? (
              <Markdown>{profile.bio}</Markdown>
            ) : (
              <p className="text-sm text-muted-foreground">
                {profile.isMe ? "You have not written a bio yet." : "No bio yet."}
              </p>
            )}
          </Card>
          <Card title="Details">
            <dl className="grid gap-3 text-sm sm:grid-cols-2">
              {details.map(([term, value]) => (
                <div key={term}>
                  <dt className="text-muted-foreground">{term}</dt>
                  <dd className="font-medium text-foreground">{value}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </>
      )}
    </div>
  );
}
