import { Link, useParams, useRouterState } from "@tanstack/react-router";
import {
  CircleUserRound,
  LogOut,
  Menu,
  PanelLeftClose,
  PanelLeftOpen,
  ShieldCheck,
  X,
} from "lucide-react";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Button } from "../../components/button.tsx";
import { TruncatedText } from "../../components/truncated-text.tsx";
import { useSession } from "../auth/session.ts";
import { useSignOut } from "../auth/use-sign-out.ts";
import { PastDueBanner } from "../billing/past-due-banner.tsx";
import { StripeModeNote } from "../billing/stripe-mode-note.tsx";
import { XpBadge } from "../learning/xp-badge.tsx";
import { MemberAvatar } from "../members/member-avatar.tsx";
import { NotificationsLink } from "../notifications/notifications-link.tsx";
import type { CurrentOrganization } from "../organizations/current-organization.tsx";
import { OrganizationSwitcher } from "../organizations/organization-switcher.tsx";
import { CommandPaletteHost, PaletteButton } from "../palette/palette-launcher.tsx";
import { useMyProfile } from "../profiles/use-profiles.ts";
import { SpaceNav } from "../spaces/space-nav.tsx";
import { ThemeToggle } from "../theme/theme-toggle.tsx";
import { visibleSections } from "./nav-sections.ts";
import { NavigationNotice } from "./navigation-notice.tsx";
import { SidebarLink } from "./sidebar-link.tsx";
import { setSidebarCollapsed, useSidebarCollapsed } from "./sidebar-state.ts";

/**
 * The signed-in frame. Inside an organization the organization's layout draws the sidebar
 * (<OrganizationShell>) once it knows the membership; every other signed-in screen (account, new
 * organization, an invitation) gets the simple header.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const { slug } = useParams({ strict: false });
  return slug ? children : <SimpleShell>{children}</SimpleShell>;
}

/** The header outside an organization, and while an organization loads or is not found. */
export function SimpleShell({ children }: { children: ReactNode }) {
  const session = useSession();
  const signOut = useSignOut();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-20 border-b border-border bg-surface/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:px-6">
          <Brand />
          <span aria-hidden="true" className="text-faint-foreground">
            /
          </span>
          <OrganizationSwitcher />
          <div className="ml-auto flex shrink-0 items-center gap-1">
            <PaletteButton variant="icon" />
            {/* On a phone the header has no room for it beside the organization switcher (which
                was squeezed to "Or / g…"): the palette's search button, next to it, offers the
                theme there. */}
            <div className="hidden sm:block">
              <ThemeToggle layout="icons" />
            </div>
            {session.data?.platformAdmin && (
              <Link
                to="/admin"
                className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-foreground hover:bg-muted [&.active]:font-semibold"
              >
                <ShieldCheck aria-hidden="true" className="size-5" strokeWidth={1.75} />
                <span className="sr-only md:not-sr-only">Admin</span>
              </Link>
            )}
            <Link
              to="/account"
              className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-foreground hover:bg-muted [&.active]:font-semibold"
            >
              <MemberAvatar name={session.data?.name ?? ""} avatarUrl={null} size="sm" />
              <span className="sr-only">Account</span>
              <span className="hidden max-w-[10rem] truncate md:inline">{session.data?.name}</span>
            </Link>
            <Button
              variant="ghost"
              size="sm"
              pending={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              {/* An icon on a phone, for the same room as the theme: its name stays the words. */}
              <LogOut aria-hidden="true" className="size-5 sm:hidden" strokeWidth={1.75} />
              <span className="sr-only sm:not-sr-only">Sign out</span>
            </Button>
          </div>
        </div>
      </header>
      <NavigationNotice />
      {children}
      <CommandPaletteHost />
    </div>
  );
}

function Brand({ compact = false }: { compact?: boolean }) {
  return (
    <Link
      to="/"
      title={compact ? "Guild home" : undefined}
      className="flex shrink-0 items-center gap-2 rounded-md font-semibold text-foreground"
    >
      <span
        aria-hidden="true"
        className="grid size-7 place-items-center rounded-md bg-primary text-sm text-primary-foreground"
      >
        G
      </span>
      <span className={compact ? "sr-only" : "hidden sm:inline"}>Guild</span>
      {!compact && <span className="sr-only sm:hidden">Guild home</span>}
    </Link>
  );
}

/**
 * Inside an organization: a sidebar on wide screens (collapsible to icons, remembered), and on
 * phones and tablets a top bar whose menu button opens the same sidebar as a drawer. The drawer is
 * a modal <dialog>: the browser moves focus into it, keeps it there, closes it on Escape and
 * gives focus back to the menu button.
 */
export function OrganizationShell({
  organization,
  children,
}: {
  organization: CurrentOrganization;
  children: ReactNode;
}) {
  const collapsed = useSidebarCollapsed();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const drawer = useRef<HTMLDialogElement>(null);
  const drawerId = useId();
  const pathname = useRouterState({ select: (state) => state.location.pathname });

  useEffect(() => {
    const dialog = drawer.current;
    if (!dialog) return;
    if (drawerOpen && !dialog.open) dialog.showModal();
    if (!drawerOpen && dialog.open) dialog.close();
  }, [drawerOpen]);

  // A choice in the drawer is a new page: the drawer has done its job.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the effect of a new pathname
  useEffect(() => setDrawerOpen(false), [pathname]);

  // Widened past the breakpoint (a rotated tablet), the sidebar is back: no modal left over it.
  useEffect(() => {
    const wide = window.matchMedia("(min-width: 64rem)");
    const onChange = () => {
      if (wide.matches) setDrawerOpen(false);
    };
    wide.addEventListener("change", onChange);
    return () => wide.removeEventListener("change", onChange);
  }, []);

  return (
    <div className="flex min-h-dvh">
      <aside
        aria-label="Sidebar"
        className={`sticky top-0 hidden h-dvh shrink-0 border-r border-border bg-surface lg:flex ${collapsed ? "w-16" : "w-64"}`}
      >
        <SidebarContent organization={organization} collapsed={collapsed} />
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-20 border-b border-border bg-surface/95 backdrop-blur lg:hidden">
          <div className="flex h-14 items-center gap-2 px-3">
            <button
              type="button"
              aria-label="Open menu"
              aria-haspopup="dialog"
              aria-expanded={drawerOpen}
              aria-controls={drawerId}
              onClick={() => setDrawerOpen(true)}
              className="grid size-9 shrink-0 place-items-center rounded-md text-foreground hover:bg-muted"
            >
              <Menu aria-hidden="true" className="size-5" />
            </button>
            <p className="min-w-0 flex-1 text-sm font-semibold text-foreground">
              <TruncatedText>{organization.name}</TruncatedText>
            </p>
            <PaletteButton variant="icon" />
            <NotificationsLink slug={organization.slug} />
          </div>
        </header>
        <NavigationNotice />
        <PastDueBanner organization={organization} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-3 py-6 sm:px-6">
          {children}
        </main>
      </div>

      {/* A click on the backdrop lands on the <dialog> itself (its content fills it). Escape
          is the dialog's own: the browser closes it and onClose syncs the state. Enter on a
          link is a click too. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard way out is Escape, built into <dialog> */}
      <dialog
        ref={drawer}
        id={drawerId}
        aria-label="Menu"
        // Escape fires cancel at once, while close is queued for later: the state follows at
        // once, so the menu button pressed right after Escape opens the drawer anew (before, the
        // state still said open, the press changed nothing and the drawer stayed shut). The
        // queued close then finds it open again and leaves it; only a drawer still closed is closed.
        onCancel={() => setDrawerOpen(false)}
        onClose={() => {
          if (!drawer.current?.open) setDrawerOpen(false);
        }}
        onClick={(event) => {
          // The backdrop, or a link followed (the current page's too: no navigation then).
          const link = event.target instanceof Element && event.target.closest("a[href]");
          if (event.target === event.currentTarget || link) setDrawerOpen(false);
        }}
        className="m-0 h-dvh max-h-none w-72 max-w-[85vw] bg-surface p-0 shadow-xl"
      >
        {drawerOpen && (
          <SidebarContent
            organization={organization}
            collapsed={false}
            onClose={() => setDrawerOpen(false)}
          />
        )}
      </dialog>
      <CommandPaletteHost organization={organization} />
    </div>
  );
}

/** The sidebar's content: the same in the desktop column and in the phone drawer. */
function SidebarContent({
  organization,
  collapsed,
  onClose,
}: {
  organization: CurrentOrganization;
  collapsed: boolean;
  /** In the drawer: its close button. */
  onClose?: () => void;
}) {
  const sections = visibleSections(organization.membership);
  return (
    <div className="flex h-full w-full min-w-0 flex-col">
      <div className={`flex items-center gap-2 p-3 ${collapsed ? "flex-col" : ""}`}>
        {onClose && (
          // First in the drawer: showModal() focuses it, and Enter closes again.
          <button
            type="button"
            aria-label="Close menu"
            onClick={onClose}
            className="grid size-9 shrink-0 place-items-center rounded-md text-foreground hover:bg-muted"
          >
            <X aria-hidden="true" className="size-5" />
          </button>
        )}
        <Brand compact />
        <div className="min-w-0 flex-1">
          <OrganizationSwitcher placement="sidebar" collapsed={collapsed} />
        </div>
      </div>

      <div className={collapsed ? "flex justify-center px-2 pb-2" : "px-3 pb-2"}>
        <PaletteButton variant={collapsed ? "icon" : "sidebar"} onOpen={onClose} />
      </div>
      <nav aria-label="Organization" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {sections.map((section) => (
          <div key={section.id} className="mt-3 first:mt-0">
            {section.label &&
              (collapsed ? (
                <hr className="mx-2 mb-2 border-border" />
              ) : (
                <h2 className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
                  {section.label}
                </h2>
              ))}
            <ul className="space-y-0.5">
              {section.items.map((item) => {
                const ItemLink = item.component ?? SidebarLink;
                return (
                  <li key={item.to}>
                    <ItemLink item={item} slug={organization.slug} collapsed={collapsed} />
                  </li>
                );
              })}
            </ul>
            {section.id === "home" && (
              <SpaceNav organization={organization} collapsed={collapsed} />
            )}
          </div>
        ))}
      </nav>

      <StripeModeNote collapsed={collapsed} />
      <UserMenu organization={organization} collapsed={collapsed} />
      {!onClose && (
        <div className="border-t border-border p-2">
          <button
            type="button"
            onClick={() => setSidebarCollapsed(!collapsed)}
            aria-label={collapsed ? "Expand sidebar" : "Collapse sidebar"}
            title={collapsed ? "Expand sidebar" : "Collapse sidebar"}
            className={`flex w-full items-center gap-3 rounded-md px-2.5 py-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground ${collapsed ? "justify-center" : ""}`}
          >
            {collapsed ? (
              <PanelLeftOpen aria-hidden="true" className="size-5" strokeWidth={1.75} />
            ) : (
              <PanelLeftClose aria-hidden="true" className="size-5" strokeWidth={1.75} />
            )}
            {!collapsed && <span>Collapse</span>}
          </button>
        </div>
      )}
    </div>
  );
}

/** The person: their picture in this organization (pictures are per membership), account, sign out. */
function UserMenu({
  organization,
  collapsed,
}: {
  organization: CurrentOrganization;
  collapsed: boolean;
}) {
  const session = useSession();
  const signOut = useSignOut();
  const name = session.data?.name ?? "";
  // The member's page in this organization (others see it from the directory and mentions); the
  // account below is the person's, across organizations.
  const username = useMyProfile().data?.username;
  return (
    <div className="space-y-1 border-t border-border p-2">
      <XpBadge slug={organization.slug} collapsed={collapsed} />
      <ThemeToggle layout={collapsed ? "column" : "labels"} />
      {/* The console is the platform's, not the organization's (so not in nav-sections.ts, whose
          items are the organization's screens, offered by membership): its admins reach it from
          inside any organization too, not only from the header outside one. */}
      {session.data?.platformAdmin && (
        <Link
          to="/admin"
          title={collapsed ? "Admin console" : undefined}
          className={`flex items-center gap-3 rounded-md px-2.5 py-2 text-sm text-foreground hover:bg-muted [&.active]:bg-accent ${collapsed ? "justify-center" : ""}`}
        >
          <ShieldCheck aria-hidden="true" className="size-5 shrink-0" strokeWidth={1.75} />
          <span className={collapsed ? "sr-only" : "min-w-0 flex-1 truncate"}>Admin console</span>
        </Link>
      )}
      {username && (
        <Link
          to="/o/$slug/u/$username"
          params={{ slug: organization.slug, username }}
          title={collapsed ? "Your profile" : undefined}
          className={`flex items-center gap-3 rounded-md px-2.5 py-2 text-sm text-foreground hover:bg-muted [&.active]:bg-accent ${collapsed ? "justify-center" : ""}`}
        >
          <CircleUserRound aria-hidden="true" className="size-5 shrink-0" strokeWidth={1.75} />
          <span className={collapsed ? "sr-only" : "min-w-0 flex-1 truncate"}>Your profile</span>
        </Link>
      )}
      <Link
        to="/account"
        title={collapsed ? `Account: ${name}` : undefined}
        className={`flex items-center gap-3 rounded-md px-2 py-1.5 text-sm text-foreground hover:bg-muted [&.active]:bg-accent ${collapsed ? "justify-center" : ""}`}
      >
        <MemberAvatar name={name} avatarUrl={organization.membership.avatarUrl} size="sm" />
        <span className={collapsed ? "sr-only" : "min-w-0 flex-1"}>
          <span className="block truncate font-medium text-foreground">{name}</span>
          <span className="block text-xs text-muted-foreground">Account</span>
        </span>
      </Link>
      <button
        type="button"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
        aria-busy={signOut.isPending || undefined}
        title={collapsed ? "Sign out" : undefined}
        className={`flex w-full items-center gap-3 rounded-md px-2.5 py-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-60 ${collapsed ? "justify-center" : ""}`}
      >
        <LogOut aria-hidden="true" className="size-5 shrink-0" strokeWidth={1.75} />
        <span className={collapsed ? "sr-only" : ""}>Sign out</span>
      </button>
    </div>
  );
}
