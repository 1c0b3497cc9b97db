// The back office (issue 11 §2): members land in a member view (their home feed, spaces, search,
// messages, notifications, their credits and tier), staff keep the screens that run the
// organization. This is the one table of which back-office screen each person opens, built from
// the domains' own rules (the procedures behind each screen refuse the same people): the web's
// navigation offers a screen by it, its route guard answers "not allowed" by it, and who lands
// on the dashboard rather than the home feed follows from it. A screen not listed here is the
// member view's: every member opens it.
import { hasRole } from "@guild/db/enums";
import { hasCrmAccess } from "./lead.ts";
import { can as canMember } from "./member.ts";
import { can as canModerate } from "./moderation.ts";
import { can as canOrganization } from "./organization.ts";
import type { PolicyActor } from "./policy.ts";

type Rule = (actor: PolicyActor) => boolean;

export const backOfficeScreens = {
  /** Leads, the pipeline, tasks (lead.*: CRM access). */
  crm: hasCrmAccess,
  /**
   * The member directory with its management (roles, invitations, removal, bans): the staff who
   * act on people. Members find each other through search and profiles.
   */
  members: (actor) => hasRole(actor.role, "moderator"),
  /** Join requests (joinRequest.*: admins). */
  joinRequests: (actor) => hasRole(actor.role, "admin"),
  /** The organization's name, address, front door and deletion (organization.update). */
  settings: (actor) => canOrganization(actor, "update"),
  /** The report queue and the bans (moderation.*). */
  moderation: (actor) => canModerate(actor, "moderate"),
  /** The organization's audit log (activity.list: admins). */
  auditLog: (actor) => hasRole(actor.role, "admin"),
  /** Per-lesson learning analytics (learning.analytics: admins). */
  learningAnalytics: (actor) => hasRole(actor.role, "admin"),
  /** The organization's certificates, to find and revoke one (certificate.list: admins). */
  certificates: (actor) => hasRole(actor.role, "admin"),
  /** The organization's Guild plan (subscription.*: admins read it, owners change it). */
  plan: (actor) => hasRole(actor.role, "admin"),
  /** The bans list (ban.list, ban.lift). */
  bans: (actor) => canMember(actor, "manageBans"),
} satisfies Record<string, Rule>;

export type BackOfficeScreen = keyof typeof backOfficeScreens;

/** Whether the person opens this back-office screen. */
export function canOpen(actor: PolicyActor, screen: BackOfficeScreen): boolean {
  return backOfficeScreens[screen](actor);
}

/**
 * Whether any of the back office is theirs: they land on the organization's dashboard; everyone
 * else (plain members) on their home feed.
 */
export function hasBackOffice(actor: PolicyActor): boolean {
  return Object.values(backOfficeScreens).some((rule: Rule) => rule(actor));
}
