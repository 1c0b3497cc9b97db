import { type BackOfficeScreen, canOpen } from "@guild/api/policies/back-office";
import { useMatches } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { NoCrmAccess } from "../leads/crm-access.tsx";
import { useCurrentOrganization } from "./current-organization.tsx";

/** Whose each back-office screen is, in words, for the person who may not open it. */
const whose: Record<Exclude<BackOfficeScreen, "crm">, (organization: string) => string> = {
  members: (o) =>
    `The member directory of ${o} is for its moderators, admins and owners. You find people through search and on their profiles.`,
  joinRequests: (o) => `Requests to join ${o} are answered by its admins.`,
  settings: (o) => `The settings of ${o} are its admins'.`,
  moderation: (o) => `The moderation of ${o} is for its moderators, admins and owners.`,
  auditLog: (o) => `The audit log of ${o} is for its admins.`,
  learningAnalytics: (o) =>
    `The learning analytics of ${o} are for its admins. Your own learning is under My learning.`,
  certificates: (o) =>
    `The certificates of ${o} are managed by its admins. Yours are under Your certificates.`,
  plan: (o) => `The plan and billing of ${o} are its admins'.`,
  bans: (o) => `The bans of ${o} are its admins'.`,
};

/**
 * Inside an organization, a back-office screen (its route's `staticData.backOffice`) for those
 * who open it (policies/back-office.ts); for anyone else a screen that says so, where to go
 * instead, and nothing of the screen itself (its code and its queries never start). The
 * navigation does not offer these screens to them: this is for a typed, shared or old address,
 * or a role taken away meanwhile (the membership is live).
 */
export function BackOfficeGate({ children }: { children: ReactNode }) {
  const organization = useCurrentOrganization();
  const screen = useMatches({
    select: (matches) =>
      matches.reduce<BackOfficeScreen | undefined>(
        (found, match) => match.staticData.backOffice ?? found,
        undefined,
      ),
  });
  if (!screen || canOpen(organization.membership, screen)) return children;
  if (screen === "crm") return <NoCrmAccess />;
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-border bg-surface px-6 py-10 text-center">
      <h1 className="text-xl font-semibold text-foreground">Not allowed</h1>
      <p className="mt-2 text-sm text-muted-foreground">{whose[screen](organization.name)}</p>
      <div className="mt-4 flex flex-wrap justify-center gap-2">
        <ButtonLink to="/o/$slug" params={{ slug: organization.slug }} variant="secondary">
          Go home
        </ButtonLink>
      </div>
    </div>
  );
}
