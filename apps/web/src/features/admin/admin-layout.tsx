import { Link, Outlet } from "@tanstack/react-router";

const sections = [
  { to: "/admin", label: "Users", exact: true },
  { to: "/admin/organizations", label: "Organizations", exact: false },
  { to: "/admin/plans", label: "Plans", exact: false },
  { to: "/admin/events", label: "Stripe events", exact: false },
  { to: "/admin/audit", label: "Audit log", exact: false },
] as const;

/** The console's frame: its name and its sections, as tabs that wrap on a phone. */
export function AdminLayout() {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-3 py-6 sm:px-6">
      <div className="mb-4">
        <p className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          Platform admin
        </p>
      </div>
      <nav aria-label="Admin sections" className="mb-6 border-b border-border">
        <ul className="-mb-px flex flex-wrap gap-x-1">
          {sections.map((section) => (
            <li key={section.to}>
              <Link
                to={section.to}
                activeOptions={{ exact: section.exact, includeSearch: false }}
                className="inline-block border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground [&.active]:border-primary [&.active]:font-semibold [&.active]:text-foreground"
              >
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </main>
  );
}
