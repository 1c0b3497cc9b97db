import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { type ReactNode, useMemo } from "react";
import { Button } from "../../components/button.tsx";
import { organizationTRPC } from "../../lib/trpc.ts";
import { useSession, useSignOut } from "../auth/use-auth.ts";
import { MemberAvatar } from "../members/member-avatar.tsx";
import { NotificationsLink } from "../notifications/notifications-link.tsx";
import { OrganizationScope } from "../organizations/organization-layout.tsx";
import { OrganizationSwitcher } from "../organizations/organization-switcher.tsx";
import { NavigationNotice } from "./navigation-notice.tsx";

/** The signed-in frame: header with the organization switcher, account and sign-out. */
export function AppShell({ children }: { children: ReactNode }) {
  const session = useSession();
  const signOut = useSignOut();
  // Inside an organization, its notifications (the bell reads through that organization's client).
  const { slug } = useParams({ strict: false });
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:px-6">
          <Link to="/" className="flex shrink-0 items-center gap-2 font-semibold text-slate-900">
            <span
              aria-hidden="true"
              className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white"
            >
              G
            </span>
            <span className="hidden sm:inline">Guild</span>
            <span className="sr-only sm:hidden">Guild home</span>
          </Link>
          <span aria-hidden="true" className="text-slate-300">
            /
          </span>
          <OrganizationSwitcher />
          <div className="ml-auto flex shrink-0 items-center gap-1">
            {slug && (
              <OrganizationScope slug={slug}>
                <NotificationsLink slug={slug} />
              </OrganizationScope>
            )}
            <Link
              to="/account"
              className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 [&.active]:font-semibold"
            >
              <HeaderAvatar name={session.data?.name ?? ""} />
              <span className="sr-only">Account</span>
              <span className="hidden max-w-[10rem] truncate md:inline">{session.data?.name}</span>
            </Link>
            <Button
              variant="ghost"
              size="sm"
              pending={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <NavigationNotice />
      {children}
    </div>
  );
}

/**
 * Inside an organization, the person's picture there (pictures are per membership); elsewhere
 * their initials.
 */
function HeaderAvatar({ name }: { name: string }) {
  const { slug } = useParams({ strict: false });
  return slug ? (
    <OrganizationAvatar slug={slug} name={name} />
  ) : (
    <MemberAvatar name={name} avatarUrl={null} size="sm" />
  );
}

/** Reads the organization query the page itself loads: no request of its own. */
function OrganizationAvatar({ slug, name }: { slug: string; name: string }) {
  const trpc = useMemo(() => organizationTRPC(slug), [slug]);
  const current = useQuery(trpc.organization.current.queryOptions());
  return <MemberAvatar name={name} avatarUrl={current.data?.membership.avatarUrl} size="sm" />;
}
