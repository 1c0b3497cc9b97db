import type { ReactNode } from "react";
import { ButtonLink } from "../../components/button.tsx";

/**
 * The words and link of each onboarding step the API lists (services/onboarding.ts, same id).
 * A later domain appends its step there and its item here; a step without an item is not shown.
 */
export interface OnboardingItem {
  title: string;
  description: string;
  action: (slug: string) => ReactNode;
}

export const onboardingItems: Record<string, OnboardingItem> = {
  invite: {
    title: "Invite someone",
    description: "Bring in a colleague: they get a mail with a link to join.",
    action: (slug) => (
      <ButtonLink to="/o/$slug/members" params={{ slug }} variant="secondary" size="sm">
        Invite
      </ButtonLink>
    ),
  },
  leads: {
    title: "Add or import leads",
    description: "Start the pipeline with the people and companies you are talking to.",
    action: (slug) => (
      <div className="flex flex-wrap gap-2">
        <ButtonLink to="/o/$slug/leads/new" params={{ slug }} variant="secondary" size="sm">
          Add a lead
        </ButtonLink>
        <ButtonLink to="/o/$slug/leads/import" params={{ slug }} variant="secondary" size="sm">
          Import from CSV
        </ButtonLink>
      </div>
    ),
  },
};
