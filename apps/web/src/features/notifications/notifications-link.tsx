import { Link } from "@tanstack/react-router";
import type { NavLinkProps } from "../shell/nav-sections.ts";
import { SidebarLink } from "../shell/sidebar-link.tsx";
import { useUnreadNotifications } from "./use-notifications.ts";

/** The unread count as shown on a badge and as read out with the link's name. */
function useUnreadLabel() {
  const unread = useUnreadNotifications();
  const count = unread.data?.count ?? 0;
  const badge = count === 0 ? null : unread.data?.capped ? "99+" : String(count);
  const label =
    count === 0
      ? "Notifications"
      : `Notifications, ${unread.data?.capped ? "more than 99" : count} unread`;
  return { badge, label };
}

/** The sidebar's Notifications item, with the unread count. */
export function NotificationsNavLink(props: NavLinkProps) {
  const { badge, label } = useUnreadLabel();
  return <SidebarLink {...props} label={label} badge={badge} />;
}

/** The phone top bar's bell: the organization's notifications page, with the unread count. */
export function NotificationsLink({ slug }: { slug: string }) {
  const { badge, label } = useUnreadLabel();
  return (
    <Link
      to="/o/$slug/notifications"
      params={{ slug }}
      aria-label={label}
      title={label}
      className="relative grid size-9 place-items-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground [&.active]:text-accent-foreground"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
        <path
          fillRule="evenodd"
          d="M10 2a6 6 0 0 0-6 6c0 1.887-.454 3.665-1.257 5.234a.75.75 0 0 0 .515 1.076 32.91 32.91 0 0 0 3.256.508 3.5 3.5 0 0 0 6.972 0 32.903 32.903 0 0 0 3.256-.508.75.75 0 0 0 .515-1.076A11.448 11.448 0 0 1 16 8a6 6 0 0 0-6-6ZM8.05 14.943a33.54 33.54 0 0 0 3.9 0 2 2 0 0 1-3.9 0Z"
          clipRule="evenodd"
        />
      </svg>
      {badge && (
        <span
          aria-hidden="true"
          className="absolute -top-0.5 -right-0.5 min-w-[1.125rem] rounded-full bg-primary px-1 text-center text-[0.6875rem] leading-[1.125rem] font-semibold text-primary-foreground tabular-nums"
        >
          {badge}
        </span>
      )}
    </Link>
  );
}
