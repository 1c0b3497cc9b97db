import type { ReactNode } from "react";
import { TruncatedText } from "./truncated-text.tsx";

export function Card({
  id,
  title,
  description,
  actions,
  children,
  tone = "default",
}: {
  /** An address to link to (/account#password): the card takes focus when opened by it. */
  id?: string;
  title?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  tone?: "default" | "danger";
}) {
  const border = tone === "danger" ? "border-danger-border" : "border-border";
  return (
    <section
      id={id}
      // Focusable by script only (never a Tab stop), and clear of the sticky header when scrolled to.
      tabIndex={id ? -1 : undefined}
      className={`scroll-mt-20 rounded-lg border ${border} bg-surface shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-ring`}
    >
      {(title || actions) && (
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-4 py-3 sm:px-6">
          <div className="min-w-0">
            {title && (
              <h2 className="text-base font-semibold text-foreground">
                <TruncatedText lines={2}>{title}</TruncatedText>
              </h2>
            )}
            {description && (
              <p className="mt-0.5 text-sm wrap-anywhere text-muted-foreground">{description}</p>
            )}
          </div>
          {actions}
        </header>
      )}
      <div className="px-4 py-4 sm:px-6">{children}</div>
    </section>
  );
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {/* A long organization or lead name wraps to two lines, then is cut: the rest on hover. */}
        <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere text-foreground">
          {typeof title === "string" ? <TruncatedText lines={2}>{title}</TruncatedText> : title}
        </h1>
        {description && (
          <p className="mt-1 text-sm wrap-anywhere text-muted-foreground">{description}</p>
        )}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
