import { hasRole, type MemberRole } from "@guild/db/enums";
import { Link } from "@tanstack/react-router";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, errorReason } from "../../lib/errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";

/** Whether a refusal is the plan's limit and the viewer may change the plan (owners and admins). */
export function offersUpgrade(error: unknown, role: MemberRole): boolean {
  return errorReason(error) === "PLAN_LIMIT" && hasRole(role, "admin");
}

/**
 * An organization screen's refusal, as FormAlert shows it; when the plan's limit refused it
 * (PLAN_LIMIT: the API's message says which limit and how much is in use), owners and admins get
 * the way to the plans in billing settings next to it, so the refusal is also the upgrade offer.
 */
export function ErrorAlert({ error }: { error: unknown }) {
  const { slug, membership } = useCurrentOrganization();
  const offerUpgrade = offersUpgrade(error, membership.role);
  return (
    <FormAlert>
      {errorMessage(error)}
      {offerUpgrade && (
        <>
          {" "}
          <Link
            to="/o/$slug/billing"
            params={{ slug }}
            className="font-medium underline underline-offset-2"
          >
            See plans
          </Link>
        </>
      )}
    </FormAlert>
  );
}
