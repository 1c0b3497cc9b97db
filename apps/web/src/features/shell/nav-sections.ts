import { type BackOfficeScreen, canOpen, hasBackOffice } from "@guild/api/policies/back-office";
import type { LinkProps } from "@tanstack/react-router";
import {
  Activity,
  Award,
  Bell,
  Bot,
  CalendarDays,
  ChartColumn,
  Coins,
  CreditCard,
  Crown,
  GraduationCap,
  House,
  Kanban,
  ListTodo,
  type LucideIcon,
  MessagesSquare,
  Newspaper,
  PenLine,
  ScrollText,
  Search,
  Settings,
  ShieldAlert,
  Trophy,
  UserPlus,
  UserRound,
  UsersRound,
} from "lucide-react";
import type { ComponentType } from "react";
import { CalendarNavLink } from "../events/live-now.tsx";
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
  /**
   * The back-office screen it opens (policies/back-office.ts): offered to those who open it, as
   * the route guard lets them in. Without one, a screen of the member view: everyone's.
   */
  screen?: BackOfficeScreen;
  /** Offered to these people only, for a member-view item that is not for everyone. */
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

export const navSections: NavSection[] = [
  {
    id: "home",
    items: [
      // Staff land on the dashboard, members on their home feed (organization-dashboard.tsx):
      // for members Home is the feed, so Feed is offered to staff only.
      { to: "/o/$slug", label: "Home", icon: House, exact: true },
      { to: "/o/$slug/feed", label: "Feed", icon: Newspaper, visible: hasBackOffice },
      { to: "/o/$slug/search", label: "Search", icon: Search },
      // Every events space's events by month, week or list; says "Live" while one is running.
      {
        to: "/o/$slug/calendar",
        label: "Calendar",
        icon: CalendarDays,
        component: CalendarNavLink,
      },
      // The member's own content studio: generated posts, their schedule and calendar.
      { to: "/o/$slug/studio", label: "Studio", icon: PenLine },
    ],
  },
  // The spaces the member sees follow Home (features/spaces/space-nav.tsx: they are data, not
  // screens); courses live in their course spaces.
  {
    id: "learning",
    label: "Learning",
    items: [
      // The member's own learning: XP over time, streaks, courses in progress.
      { to: "/o/$slug/learning", label: "My learning", icon: GraduationCap },
      { to: "/o/$slug/leaderboard", label: "Leaderboard", icon: Trophy },
    ],
  },
  {
    id: "crm",
    label: "CRM",
    items: [
      { to: "/o/$slug/leads", label: "Leads", icon: UserRound, screen: "crm" },
      { to: "/o/$slug/pipeline", label: "Pipeline", icon: Kanban, screen: "crm" },
      // The member's own tasks ("My tasks"); a lead's are on its page.
      { to: "/o/$slug/tasks", label: "Tasks", icon: ListTodo, screen: "crm" },
    ],
  },
  {
    id: "organization",
    items: [
      { to: "/o/$slug/members", label: "Members", icon: UsersRound, screen: "members" },
      {
        to: "/o/$slug/join-requests",
        label: "Join requests",
        icon: UserPlus,
        screen: "joinRequests",
      },
      { to: "/o/$slug/settings", label: "Settings", icon: Settings, screen: "settings" },
      { to: "/o/$slug/moderation", label: "Moderation", icon: ShieldAlert, screen: "moderation" },
      { to: "/o/$slug/audit-log", label: "Audit log", icon: ScrollText, screen: "auditLog" },
      {
        to: "/o/$slug/learning/analytics",
        label: "Learning analytics",
        icon: ChartColumn,
        screen: "learningAnalytics",
      },
      // Every member's certificates, to find one and revoke it (admins).
      {
        to: "/o/$slug/learning/certificates",
        label: "Certificates",
        icon: Award,
        screen: "certificates",
      },
    ],
  },
  {
    id: "billing",
    label: "Billing",
    items: [
      // The organization's plan: admins read it, owners change it (the API decides).
      { to: "/o/$slug/billing", label: "Plan", icon: CreditCard, screen: "plan" },
      // The member's own: their credit balance and buying credits, their tier and buying one.
      { to: "/o/$slug/credits", label: "Credits", icon: Coins },
      { to: "/o/$slug/tiers", label: "Member tiers", icon: Crown },
    ],
  },
  {
    id: "you",
    items: [
      // The member's own activity log (sign-ins, lessons, quizzes, posts).
      { to: "/o/$slug/activity", label: "Activity", icon: Activity },
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
      // The member's conversations with the AI assistant (it looks things up with their rights).
      { to: "/o/$slug/assistant", label: "Assistant", icon: Bot },
      // The member's own achievements (admins also author the organization's there).
      { to: "/o/$slug/achievements", label: "Achievements", icon: Trophy },
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
      items: section.items.filter(
        (item) =>
          (!item.screen || canOpen(membership, item.screen)) &&
          (!item.visible || item.visible(membership)),
      ),
    }))
    .filter((section) => section.items.length > 0);
}
