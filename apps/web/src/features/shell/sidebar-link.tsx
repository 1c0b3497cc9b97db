import { Link } from "@tanstack/react-router";
import type { NavLinkProps } from "./nav-sections.ts";

/**
 * One item of the sidebar. Collapsed, only the icon shows: the label stays as the link's name for
 * screen readers and as its tooltip. `label` overrides the name (a count read out with it);
 * `badge` is the visible count beside the icon.
 */
export function SidebarLink({
  item,
  slug,
  collapsed,
  label,
  badge,
}: NavLinkProps & { label?: string; badge?: string | null }) {
  const Icon = item.icon;
  return (
    <Link
      to={item.to}
      params={{ slug }}
      activeOptions={{ exact: item.exact ?? false }}
      aria-label={label}
      title={collapsed ? (label ?? item.label) : undefined}
      className={`group relative flex items-center gap-3 rounded-md px-2.5 py-2 text-sm font-medium text-foreground hover:bg-muted hover:text-foreground [&.active]:bg-accent [&.active]:text-accent-foreground ${collapsed ? "justify-center" : ""}`}
    >
      <Icon aria-hidden="true" className="size-5 shrink-0" strokeWidth={1.75} />
      <span className={collapsed ? "sr-only" : "min-w-0 flex-1 truncate"}>{item.label}</span>
      {/* A flex item's whitespace takes no room; it keeps the label and the count apart as words
          ("Notifications 1", not "Notifications1"), so the name "Notifications, 1 unread" holds
          the visible text (axe's label-content-name-mismatch). */}
      {badge && " "}
      {badge && (
        <span
          aria-hidden="true"
          className={`min-w-[1.125rem] rounded-full bg-primary px-1 text-center text-[0.6875rem] leading-[1.125rem] font-semibold text-primary-foreground tabular-nums ${collapsed ? "absolute top-0.5 right-0.5" : ""}`}
        >
          {badge}
        </span>
      )}
    </Link>
  );
}
