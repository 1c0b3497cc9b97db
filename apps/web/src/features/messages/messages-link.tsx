import type { NavLinkProps } from "../shell/nav-sections.ts";
import { SidebarLink } from "../shell/sidebar-link.tsx";
import { useUnreadDirectMessages } from "./use-messages.ts";

/** The sidebar's Messages item, with the unread count (live). */
export function MessagesNavLink(props: NavLinkProps) {
  const unread = useUnreadDirectMessages();
  const count = unread.data?.messages ?? 0;
  const badge = count === 0 ? null : count > 99 ? "99+" : String(count);
  const label = count === 0 ? "Messages" : `Messages, ${count} unread`;
  return <SidebarLink {...props} label={label} badge={badge} />;
}
