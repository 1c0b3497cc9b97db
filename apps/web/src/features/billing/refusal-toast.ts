import { useNavigate } from "@tanstack/react-router";
import { toast } from "sonner";
import { errorMessage } from "../../lib/errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { offersUpgrade } from "./error-alert.tsx";

/**
 * A refused action's toast, for actions with no form to hold an ErrorAlert (a row's role select,
 * a bulk action): "<what failed>: <the API's reason>", and when the plan's limit refused it, a
 * "See plans" button to billing settings for owners and admins, as ErrorAlert offers.
 */
export function useRefusalToast() {
  const { slug, membership } = useCurrentOrganization();
  const navigate = useNavigate();
  return (what: string, error: unknown) =>
    toast.error(
      `${what}: ${errorMessage(error)}`,
      offersUpgrade(error, membership.role)
        ? {
            action: {
              label: "See plans",
              onClick: () => void navigate({ to: "/o/$slug/billing", params: { slug } }),
            },
          }
        : {},
    );
}
