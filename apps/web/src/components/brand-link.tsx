import { Link } from "@tanstack/react-router";

/** Guild's mark and name, linking home: the top of the pages outside an organization (sign-in, pricing). */
export function BrandLink({ className = "" }: { className?: string }) {
  return (
    <Link
      to="/"
      className={`flex items-center gap-2 text-lg font-semibold text-foreground ${className}`}
    >
      <span
        aria-hidden="true"
        className="grid size-8 place-items-center rounded-md bg-primary text-primary-foreground"
      >
        G
      </span>
      Guild
    </Link>
  );
}
