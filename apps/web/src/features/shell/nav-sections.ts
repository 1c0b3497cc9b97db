import { hasCrmAccess } from "@guild/api/policies/lead";
import { can as canModerate } from "@guild/api/policies/moderation";
import { hasRole } from "@guild/db/enums";
import type { LinkProps } from "@tanstack/react-router";
import {
  Bell,
  Coins,
  CreditCard,
  Crown,
  House,
  Kanban,
  ListTodo,
  type LucideIcon,
  MessagesSquare,
  Newspaper,
  ScrollText,
  Search,
  Settings,
  ShieldAlert,
  UserPlus,
  UserRound,
  UsersRound,
} from "lucide-react";
import type { ComponentType } from "react";
import { MessagesNavLink } from "../messages/messages-link.tsx";
import { NotificationsNavLink } from "../notifications/notifications-link.tsx";
import type { CurrentOrganization } from "../organizations/current-organization.tsx";

/**
 * The organization's navigation, as data: a later domain (Spaces, Courses, Billing) adds its
 * section or items here, and the sidebar, the phone drawer and the collapsed rail all follow.
 * Only screens that exist are listed: a section for a domain that has not landed is not shown.
 */
/** An organization's screen whose only parameter is the slug (the sidebar passes it). */
export type OrganizationScreen =
  NonNullable<LinkProps["to"]> extends infer To
    ? To extends `/o/$slug${infer Rest}`
      ? Rest extends `${string}$${string}`
        ? never
        : To
      : never
    : never;

export interface NavItem {
  to: OrganizationScreen;
  label: string;
  icon: LucideIcon;
  /** Active only on this exact address (the dashboard), not on the screens below it. */
  exact?: boolean;
  /** Who is offered the item; everyone when absent. Never a permission check: the API is. */
  visible?: (membership: CurrentOrganization["membership"]) => boolean;
  /**
   * A link of its own instead of the plain one, for an item that shows live state (the unread
   * count). It gets the same props the plain link would.
   */
  component?: ComponentType<NavLinkProps>;
}

export interface NavSection {
  id: string;
  /** Heading above the items; a section without one is the list's top. */
  label?: string;
  items: NavItem[];
}

export interface NavLinkProps {
  item: NavItem;
  slug: string;
  collapsed: boolean;
}

// The CRM's screens are offered to its staff only (policies/lead.ts).
const crmStaff = (membership: CurrentOrganization["membership"]) => hasCrmAccess(membership);

// The organization's plan is its owners' and admins' (subscription.state).
const billingStaff = (membership: CurrentOrganization["membership"]) =>
  hasRole(membership.role, "admin");

// The organization's audit log (activity.list) is its admins'.
const admins = (membership: CurrentOrganization["membership"]) => hasRole(membership.role, "admin");

const moderators = (membership: CurrentOrganization["membership"]) =>
  canModerate(membership, "moderate");

export const navSections: NavSection[] = [
  {
    id: "home",
    items: [
      { to: "/o/$slug", label: "Home", icon: House, exact: true },
      { to: "/o/$slug/feed", label: "Feed", icon: Newspaper },
      { to: "/o/$slug/search", label: "Search", icon: Search },
    ],
  },
  // The spaces the member sees follow Home (features/spaces/space-nav.tsx: they are data, not
  // screens); Courses go here when their screens exist.
  {
    id: "crm",
    label: "CRM",
    items: [
      { to: "/o/$slug/leads", label: "Leads", icon: UserRound, visible: crmStaff },
      { to: "/o/$slug/pipeline", label: "Pipeline", icon: Kanban, visible: crmStaff },
      // The member's own tasks ("My tasks"); a lead's are on its page.
      { to: "/o/$slug/tasks", label: "Tasks", icon: ListTodo, visible: crmStaff },
    ],
  },
  {
    id: "organization",
    items: [
      { to: "/o/$slug/members", label: "Members", icon: UsersRound },
      // People asking to join from the public page (join policy "approval") are admins' to answer.
      { to: "/o/$slug/join-requests", label: "Join requests", icon: UserPlus, visible: admins },
      { to: "/o/$slug/settings", label: "Settings", icon: Settings },
      // The organization's audit log is its admins' (activity.list).
      // The report queue is the moderators' (policies/moderation.ts).
      { to: "/o/$slug/moderation", label: "Moderation", icon: ShieldAlert, visible: moderators },
      { to: "/o/$slug/audit-log", label: "Audit log", icon: ScrollText, visible: admins },
    ],
  },
  {
    id: "billing",
    label: "Billing",
    items: [
      // The organization's plan: admins read it, owners change it (the API decides).
      { to: "/o/$slug/billing", label: "Plan", icon: CreditCard, visible: billingStaff },
      { to: "/o/$slug/credits", label: "Credits", icon: Coins },
      { to: "/o/$slug/tiers", label: "Member tiers", icon: Crown },
    ],
  },
  {
    id: "you",
    items: [
      {
        to: "/o/$slug/messages",
        label: "Messages",
        icon: MessagesSquare,
        component: MessagesNavLink,
      },
      {
        to: "/o/$slug/notifications",
        label: "Notifications",
        icon: Bell,
        component: NotificationsNavLink,
      },
    ],
  },
];

/** The sections as this member sees them: hidden items dropped, then empty sections. */
export function visibleSections(
  membership: CurrentOrganization["membership"],
  sections: NavSection[] = navSections,
): NavSection[] {
  return sections
    .map((section) => ({
      ...section,
      items: section.items.filter((item) => !item.visible || item.visible(membership)),
    }))
    .filter((section) => section.items.length > 0);
}
