// The CRM's rungs: every lead procedure, and any search, export or live feed of leads, is built
// on crmProcedure, so a member without CRM access is refused before anything is read.
import { AppError } from "../errors.ts";
import { can, hasCrmAccess } from "../policies/lead.ts";
import { capabilityProcedure } from "../trpc.ts";

/** The refusal a member without CRM access gets, whatever the call names. */
export const crmAccessRefusal = () =>
  new AppError("FORBIDDEN", "The CRM is for staff: ask an admin for CRM access", {
    reason: "CRM_ACCESS",
  });

/**
 * A member who may do `action` with leads (policies/lead.ts). Not holding the membership row as
 * roleProcedure's mutations do: a lead written in the instant CRM access is revoked is a write
 * the member could have made a moment earlier, and revoking cleans nothing up after it.
 */
export function crmProcedure(action: "read" | "write" | "delete") {
  return capabilityProcedure(
    (actor) => can(actor, action),
    (actor) =>
      hasCrmAccess(actor)
        ? new AppError("FORBIDDEN", "Only admins and above can do this")
        : crmAccessRefusal(),
  );
}
