import { Link, useParams, useRouterState } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { Spinner } from "../../components/button.tsx";
import { roleLabel } from "../members/role-label.ts";
import { useMyInvitations, useMyOrganizations } from "./use-organizations.ts";

/**
 * The menu listing the person's organizations (me.organizations) and open invitations: in the
 * simple header outside an organization, and at the top of the sidebar inside one. `collapsed`:
 * the sidebar shows icons only, and the switcher the organization's initial.
 */
export function OrganizationSwitcher({
  placement = "header",
  collapsed = false,
}: {
  placement?: "header" | "sidebar";
  collapsed?: boolean;
}) {
  const { slug } = useParams({ strict: false });
  const organizations = useMyOrganizations();
  const invitations = useMyInvitations();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const menu = useRef<HTMLDetailsElement>(null);
  const current = organizations.data?.find((o) => o.slug === slug);
  const pending = invitations.data?.length ?? 0;
  const name = current?.name ?? "Organizations";

  // Close after choosing (the route changes) and on Escape or a click elsewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the effect of a new pathname
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
        return;
      }
      if (event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, []);

  return (
    <details ref={menu} className={`relative min-w-0 ${placement === "sidebar" ? "w-full" : ""}`}>
      <summary
        title={collapsed ? `Switch organization. Current: ${name}` : current?.name}
        className={`flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm leading-tight font-medium text-foreground hover:bg-muted [&::-webkit-details-marker]:hidden ${placement === "header" ? "max-w-[14rem]" : "w-full"} ${collapsed ? "relative justify-center px-0" : ""}`}
      >
        <span className="sr-only">Switch organization. Current: </span>
        {collapsed ? (
          <>
            <span
              aria-hidden="true"
              className="grid size-8 place-items-center rounded-md bg-muted-strong font-semibold text-foreground"
            >
              {name.slice(0, 1).toUpperCase()}
            </span>
            <span className="sr-only">{name}</span>
          </>
        ) : (
          // Two lines fit the header; the menu and the dashboard show a longer name in full.
          <span className="line-clamp-2 min-w-0 flex-1 wrap-anywhere">{name}</span>
        )}
        {pending > 0 && (
          <span
            className={`rounded-full bg-primary px-1.5 text-xs text-primary-foreground ${collapsed ? "absolute -top-1 -right-1" : ""}`}
          >
            {pending}
            <span className="sr-only"> pending invitations</span>
          </span>
        )}
        {!collapsed && (
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            className="size-4 shrink-0 text-muted-foreground"
            fill="currentColor"
          >
            <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
          </svg>
        )}
      </summary>
      <div
        className={`absolute z-30 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-border bg-surface p-2 shadow-lg ${collapsed ? "top-0 left-full ml-2" : "left-0 mt-2"}`}
      >
        <p className="px-2 py-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          Your organizations
        </p>
        {organizations.isPending ? (
          <div className="flex justify-center p-3">
            <Spinner className="size-4 text-faint-foreground" />
          </div>
        ) : organizations.error ? (
          <p className="px-2 py-1 text-sm text-danger">Could not load your organizations.</p>
        ) : organizations.data.length === 0 ? (
          <p className="px-2 py-1 text-sm text-muted-foreground">
            You are not in any organization yet.
          </p>
        ) : (
          <ul>
            {organizations.data.map((organization) => (
              <li key={organization.id}>
                <Link
                  to="/o/$slug"
                  params={{ slug: organization.slug }}
                  aria-current={organization.slug === slug ? "page" : undefined}
                  className="flex items-center justify-between gap-2 rounded-md px-2 py-1.5 text-sm text-foreground hover:bg-muted aria-[current=page]:bg-accent aria-[current=page]:font-semibold"
                >
                  <span className="min-w-0 wrap-anywhere">{organization.name}</span>
                  <span className="shrink-0 text-xs text-muted-foreground">
                    {roleLabel(organization.role)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {pending > 0 && invitations.data && (
          <>
            <p className="mt-2 border-t border-border px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
              Invitations
            </p>
            <ul>
              {invitations.data.map((invitation) => (
                <li key={invitation.id}>
                  <Link
                    to="/invitations/$invitationId"
                    params={{ invitationId: invitation.id }}
                    className="block rounded-md px-2 py-1.5 text-sm wrap-anywhere text-foreground hover:bg-muted"
                  >
                    Join {invitation.organizationName}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="mt-2 border-t border-border pt-2">
          <Link
            to="/organizations/new"
            className="block rounded-md px-2 py-1.5 text-sm font-medium text-accent-foreground hover:bg-muted"
          >
            + New organization
          </Link>
        </div>
      </div>
    </details>
  );
}
