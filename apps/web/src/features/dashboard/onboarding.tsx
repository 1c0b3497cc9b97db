import { hasBackOffice } from "@guild/api/policies/back-office";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useRouterState } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { roleLabel } from "../members/role-label.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { onboardingItems } from "./onboarding-items.tsx";

const dismissedKey = (organizationId: string) => `guild:onboarding-dismissed:${organizationId}`;

function readDismissed(organizationId: string): boolean {
  try {
    return localStorage.getItem(dismissedKey(organizationId)) === "1";
  } catch {
    return false;
  }
}

function rememberDismissed(organizationId: string) {
  try {
    localStorage.setItem(dismissedKey(organizationId), "1");
  } catch {
    // Storage can be unavailable (private mode): the checklist then goes for this visit only.
  }
}

/**
 * The new owner's checklist: each step is ticked off by what the organization has done
 * (organization.onboarding), and the list goes once everything is done, or when dismissed
 * (remembered in this browser).
 */
export function OnboardingChecklist() {
  const organization = useCurrentOrganization();
  const isOwner = organization.membership.role === "owner";
  const [dismissed, setDismissed] = useState(() => readDismissed(organization.id));
  const trpc = useOrgTRPC();
  const progress = useQuery({
    ...trpc.organization.onboarding.queryOptions(),
    enabled: isOwner && !dismissed,
    // Ticks off what was just done elsewhere (a lead added) as soon as the dashboard shows again.
    staleTime: 0,
  });
  if (!isOwner || dismissed || !progress.data) return null;
  const steps = progress.data.flatMap((step) => {
    const item = onboardingItems[step.id];
    return item ? [{ ...step, item }] : [];
  });
  const left = steps.filter((step) => !step.done).length;
  if (left === 0) return null;

  return (
    <div className="mb-6">
      <Card
        title="Get started"
        description={`${steps.length - left} of ${steps.length} done.`}
        actions={
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              rememberDismissed(organization.id);
              setDismissed(true);
            }}
          >
            Dismiss
          </Button>
        }
      >
        <ul aria-label="Get started" className="divide-y divide-border">
          {steps.map(({ id, done, item }) => (
            <li key={id} className="flex flex-wrap items-center gap-3 py-3 first:pt-0 last:pb-0">
              <span
                aria-hidden="true"
                className={`grid size-6 shrink-0 place-items-center rounded-full text-sm ${done ? "bg-success-solid text-success-foreground" : "ring-1 ring-input"}`}
              >
                {done ? "✓" : ""}
              </span>
              <div className="min-w-0 flex-1">
                <p
                  className={`text-sm font-medium ${done ? "text-muted-foreground line-through" : "text-foreground"}`}
                >
                  {item.title}
                  <span className="sr-only">{done ? " (done)" : " (to do)"}</span>
                </p>
                <p className="text-sm text-muted-foreground">{item.description}</p>
              </div>
              {!done && item.action(organization.slug)}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

declare module "@tanstack/react-router" {
  interface HistoryState {
    /** Set by accepting an invitation: the dashboard it lands on greets the new member. */
    welcome?: boolean;
  }
}

/**
 * The greeting of a new member, on the dashboard an accepted invitation lands on (history state,
 * so the address stays the organization's): shown until closed, or until the page is left.
 */
export function WelcomeBanner() {
  const organization = useCurrentOrganization();
  const welcome = useRouterState({ select: (state) => state.location.state.welcome === true });
  const navigate = useNavigate();
  if (!welcome) return null;
  return (
    <div
      role="status"
      className="mb-6 flex flex-wrap items-start gap-3 rounded-lg border border-accent-border bg-accent px-4 py-3 wrap-anywhere sm:px-6"
    >
      <div className="min-w-0 flex-1">
        <p className="font-semibold text-accent-foreground">Welcome to {organization.name}!</p>
        <p className="text-sm text-accent-foreground">
          You joined as {roleLabel(organization.membership.role).toLowerCase()}.{" "}
          {hasBackOffice(organization.membership)
            ? "This is the organization's dashboard: the navigation takes you to everything else."
            : "This is your home feed, the posts of every space you can see: the navigation takes you to the spaces and everything else."}
        </p>
      </div>
      <Button
        variant="secondary"
        size="sm"
        onClick={() =>
          void navigate({
            to: "/o/$slug",
            params: { slug: organization.slug },
            state: {},
            replace: true,
          })
        }
      >
        Got it
      </Button>
    </div>
  );
}
