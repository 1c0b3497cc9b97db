import { type ReactNode, useEffect, useRef } from "react";
import { errorMessage } from "../lib/errors.ts";
import { Button, Spinner } from "./button.tsx";

export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-3 py-12 text-sm text-muted-foreground"
    >
      <Spinner className="size-5 text-accent-foreground" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="rounded-lg border border-dashed border-input bg-surface px-6 py-10 text-center">
      <p className="text-base font-semibold text-foreground">{title}</p>
      {children && <div className="mt-1 text-sm text-muted-foreground">{children}</div>}
      {action && <div className="mt-4 flex justify-center">{action}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-danger-border bg-danger-muted px-6 py-6 text-sm text-danger"
    >
      <p className="font-semibold">Could not load this.</p>
      <p className="mt-1">{errorMessage(error)}</p>
      {onRetry && (
        <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/**
 * What a URL for something that does not exist, or belongs to an organization the person is not
 * in, shows. The two cases look the same on purpose: nothing reveals that it exists elsewhere.
 */
/**
 * Nothing at this address (an unknown URL, organization or record). It never says more: that
 * something exists in an organization the person is not in is itself a secret, and "page not
 * found" is what people expect from a wrong link anyway. Screens name what was missing through
 * `title` and `description` ("Lead not found").
 */
export function NotFound({
  title = "Page not found",
  description = "There is nothing at this address. Check the link, or go back to where you came from.",
  children,
}: {
  title?: string;
  description?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-border bg-surface px-6 py-10 text-center wrap-anywhere">
      <h1 className="text-xl font-semibold text-foreground">{title}</h1>
      <div className="mt-2 text-sm text-muted-foreground">{description}</div>
      {children && <div className="mt-4 flex flex-wrap justify-center gap-2">{children}</div>}
    </div>
  );
}

export function FormAlert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div
      role="alert"
      className="rounded-md bg-danger-muted px-3 py-2 text-sm text-danger ring-1 ring-inset ring-danger-border"
    >
      {children}
    </div>
  );
}

/**
 * `takeFocus`: when the button that did it went away with what it acted on (a revoked session, a
 * deleted row), keyboard focus would fall back to the page's start; it lands on this message
 * instead, which is also read out. Give it a `key` per action so a second one focuses again.
 */
export function SuccessMessage({
  children,
  takeFocus = false,
}: {
  children: ReactNode;
  takeFocus?: boolean;
}) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!takeFocus) return;
    // A frame later: a confirmation dialog closing in the same commit keeps the page inert
    // (unfocusable) until it has closed.
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [takeFocus]);
  return (
    <p
      ref={ref}
      role="status"
      tabIndex={takeFocus ? -1 : undefined}
      className="text-sm text-success"
    >
      {children}
    </p>
  );
}
