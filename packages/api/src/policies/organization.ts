// The organization itself: its name and address are the admins', deleting it the owners'.
import { hasRole } from "@guild/db/enums";
import { definePolicy } from "./policy.ts";

interface OrganizationResources {
  /** Rename it, change its address. */
  update: undefined;
  /** Delete it with everything in it. */
  remove: undefined;
}

export const can = definePolicy<OrganizationResources>({
  update: (actor) => hasRole(actor.role, "admin"),
  remove: (actor) => actor.role === "owner",
});
