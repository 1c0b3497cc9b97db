import { hasRole } from "@guild/db/enums";
import { Link } from "@tanstack/react-router";
import { ArrowUpDown, Hash, Lock, Plus } from "lucide-react";
import { lazy, Suspense, useState } from "react";
import type { CurrentOrganization } from "../organizations/current-organization.tsx";
import { unreadBadge, unreadLabel, useSpaceUnread } from "./use-space-read.ts";
import { useSpaces } from "./use-spaces.ts";

// The form (its schema, the tiers) loads when an admin opens it, not with every page's shell.
const SpaceFormDialog = lazy(() =>
  import("./space-form-dialog.tsx").then((m) => ({ default: m.SpaceFormDialog })),
);
const SpaceOrderDialog = lazy(() =>
  import("./space-order-dialog.tsx").then((m) => ({ default: m.SpaceOrderDialog })),
);

/**
 * The sidebar's spaces: the ones the member sees (the API decides), under their groups, in the
 * admins' order; a muted one dimmed, the others with a count of what is new since the member
 * last opened them (live). Admins start a new space here.
 */
export function SpaceNav({
  organization,
  collapsed,
}: {
  organization: CurrentOrganization;
  collapsed: boolean;
}) {
  const spaces = useSpaces();
  const unread = useSpaceUnread();
  const unreadOf = new Map(unread.data?.map((row) => [row.spaceId, row.unread]));
  const [creating, setCreating] = useState(false);
  const [ordering, setOrdering] = useState(false);
  // Kept once loaded, so closing it hands focus back to the button (the native dialog does).
  const [loaded, setLoaded] = useState(false);
  const [orderLoaded, setOrderLoaded] = useState(false);
  const admin = hasRole(organization.membership.role, "admin");
  const sections = spaces.data ?? [];
  if (!admin && sections.length === 0) return null;
  return (
    <div className="mt-3" data-testid="space-nav">
      {sections.map((section, index) => (
        <div key={section.name || "ungrouped"} className={index > 0 ? "mt-3" : ""}>
          {collapsed ? (
            <hr className="mx-2 mb-2 border-border" />
          ) : (
            <h2 className="flex items-center justify-between px-2.5 pb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
              {section.name || "Spaces"}
            </h2>
          )}
          <ul className="space-y-0.5">
            {section.spaces.map((space) => {
              const count = space.muted ? 0 : (unreadOf.get(space.id) ?? 0);
              return (
                <li key={space.id}>
                  <Link
                    to="/o/$slug/s/$spaceSlug"
                    params={{ slug: organization.slug, spaceSlug: space.slug }}
                    aria-label={count > 0 ? `${space.name}, ${unreadLabel(count)}` : undefined}
                    title={collapsed ? space.name : undefined}
                    data-unread={count > 0 ? count : undefined}
                    className={`relative flex items-center gap-3 rounded-md px-2.5 py-2 text-sm hover:bg-muted [&.active]:bg-accent [&.active]:text-accent-foreground ${space.muted ? "font-medium text-muted-foreground" : count > 0 ? "font-semibold text-foreground" : "font-medium text-foreground"} ${collapsed ? "justify-center" : ""}`}
                  >
                    <span aria-hidden="true" className="grid size-5 shrink-0 place-items-center">
                      {space.icon ? (
                        space.icon
                      ) : space.visibility === "public" ? (
                        <Hash className="size-4" strokeWidth={1.75} />
                      ) : (
                        <Lock className="size-4" strokeWidth={1.75} />
                      )}
                    </span>
                    <span className={collapsed ? "sr-only" : "min-w-0 flex-1 truncate"}>
                      {space.name}
                      {space.muted && <span className="sr-only"> (muted)</span>}
                    </span>
                    {/* Whitespace keeps name and count apart as words: the visible text stays
                        inside the accessible name ("Lounge, 3 unread"). */}
                    {count > 0 && " "}
                    {count > 0 && (
                      <span
                        aria-hidden="true"
                        className={`min-w-[1.125rem] rounded-full bg-primary px-1 text-center text-[0.6875rem] leading-[1.125rem] font-semibold text-primary-foreground tabular-nums ${collapsed ? "absolute top-0.5 right-0.5" : ""}`}
                      >
                        {unreadBadge(count)}
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {admin && (
        <>
          <button
            type="button"
            onClick={() => {
              setLoaded(true);
              setCreating(true);
            }}
            title={collapsed ? "New space" : undefined}
            className={`mt-1 flex w-full items-center gap-3 rounded-md px-2.5 py-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground ${collapsed ? "justify-center" : ""}`}
          >
            <Plus aria-hidden="true" className="size-5 shrink-0" strokeWidth={1.75} />
            <span className={collapsed ? "sr-only" : ""}>New space</span>
          </button>
          {loaded && (
            <Suspense fallback={null}>
              <SpaceFormDialog open={creating} onClose={() => setCreating(false)} />
            </Suspense>
          )}
          {sections.some((section) => section.spaces.length > 1) || sections.length > 1 ? (
            <button
              type="button"
              onClick={() => {
                setOrderLoaded(true);
                setOrdering(true);
              }}
              title={collapsed ? "Reorder spaces" : undefined}
              className={`flex w-full items-center gap-3 rounded-md px-2.5 py-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground ${collapsed ? "justify-center" : ""}`}
            >
              <ArrowUpDown aria-hidden="true" className="size-5 shrink-0" strokeWidth={1.75} />
              <span className={collapsed ? "sr-only" : ""}>Reorder spaces</span>
            </button>
          ) : null}
          {orderLoaded && (
            <Suspense fallback={null}>
              <SpaceOrderDialog open={ordering} onClose={() => setOrdering(false)} />
            </Suspense>
          )}
        </>
      )}
    </div>
  );
}
