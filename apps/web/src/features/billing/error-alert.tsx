import { hasRole } from "@guild/db/enums";
import { Link } from "@tanstack/react-router";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, errorReason } from "../../lib/errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";

/**
 * An organization screen's refusal, as FormAlert shows it; when the plan's limit refused it
 * (PLAN_LIMIT: the API's message says which limit and how much is in use), owners and admins get
 * the way to the plans in billing settings next to it, so the refusal is also the upgrade offer.
 */
export function ErrorAlert({ error }: { error: unknown }) {
  const { slug, membership } = useCurrentOrganization();
  const offerUpgrade = errorReason(error) === "PLAN_LIMIT" && hasRole(membership.role, "admin");
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
