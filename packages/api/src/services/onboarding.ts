// The new owner's checklist on the dashboard. Each step is ticked off by the organization's real
// data, never by a click: a domain appends its step here (the web's onboarding-items.tsx gives
// the same id its words and link).
import { and, eq, invitation, lead, live, member, ne, type TenantScope } from "@guild/db";

export interface OnboardingStep {
  /** Stable: the web names the step's words and link by it. */
  id: string;
  /** Whether the organization has done it, read in the caller's tenant transaction. */
  done: (scope: TenantScope) => Promise<boolean>;
}

export const onboardingSteps: OnboardingStep[] = [
  {
    // Someone else is in, or on the way: any invitation counts, answered or not.
    id: "invite",
    async done(scope) {
      const [invited] = await scope.db
        .select({ id: invitation.id })
        .from(invitation)
        .where(eq(invitation.organizationId, scope.organizationId))
        .limit(1);
      if (invited) return true;
      const actor = scope.actor.kind === "member" ? scope.actor.memberId : null;
      const [other] = await scope.db
        .select({ id: member.id })
        .from(member)
        .where(
          and(
            eq(member.organizationId, scope.organizationId),
            ...(actor ? [ne(member.id, actor)] : []),
          ),
        )
        .limit(1);
      return other !== undefined;
    },
  },
  {
    // Added by hand or imported: a lead that is not in the bin.
    id: "leads",
    async done(scope) {
      const [found] = await scope.db
        .select({ id: lead.id })
        .from(lead)
        .where(and(eq(lead.organizationId, scope.organizationId), live(lead)))
        .limit(1);
      return found !== undefined;
    },
  },
];

/** Each step and whether it is done, in the list's order (one query at a time: one transaction). */
export async function onboardingProgress(scope: TenantScope) {
  const progress: { id: string; done: boolean }[] = [];
  for (const step of onboardingSteps) progress.push({ id: step.id, done: await step.done(scope) });
  return progress;
}
