// What the organization's public page and a course's public page share: their frame, the
// organization's accent on buttons, and a tier's prices in words. Signed-out screens: no icons
// (lucide-react) here, nothing that grows the sign-in screen's chunks.
import { BrandLink } from "../../components/brand-link.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { isNotFound } from "../../lib/errors.ts";
import { formatAmount } from "../../lib/format.ts";

export type Interval = "month" | "year" | "lifetime";
export const intervals: Interval[] = ["month", "year", "lifetime"];

interface Priced {
  currency: string;
  monthlyPrice: number | null;
  yearlyPrice: number | null;
  lifetimePrice: number | null;
}

/** Who may take a course, as a visitor reads it. */
export const courseAccessWords = {
  free: "Free for members",
  tier: "With a member tier",
  grant: "By an admin's invitation",
} as const;

export const accentButton =
  "inline-flex h-10 items-center justify-center gap-2 rounded-md bg-[var(--org-accent,var(--color-primary))] px-4 text-sm font-medium text-[var(--org-accent-foreground,var(--color-primary-foreground))] hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-60";

/** "$9 a month", "$90 a year", "$300 once, for life"; null where the tier has no such price. */
export function priceLabel(tier: Priced, interval: Interval): string | null {
  const amount =
    interval === "month"
      ? tier.monthlyPrice
      : interval === "year"
        ? tier.yearlyPrice
        : tier.lifetimePrice;
  if (amount === null) return null;
  const money = formatAmount(amount, tier.currency);
  return interval === "month"
    ? `${money} a month`
    : interval === "year"
      ? `${money} a year`
      : `${money} once, for life`;
}

export const isFree = (tier: Priced) =>
  tier.monthlyPrice === null && tier.yearlyPrice === null && tier.lifetimePrice === null;

export function FrontDoorShell({
  children,
  style,
}: {
  children: React.ReactNode;
  style?: React.CSSProperties;
}) {
  return (
    <main
      id="main"
      style={style}
      className="mx-auto flex min-h-dvh w-full max-w-4xl flex-col gap-8 px-4 py-8"
    >
      <BrandLink />
      {children}
    </main>
  );
}

/** A front-door page whose query has no answer yet: loading, not found, or failed (retry). */
export function FrontDoorWaiting({
  query,
  notFound,
}: {
  query: { error: unknown; refetch: () => Promise<unknown> };
  notFound: string;
}) {
  return (
    <FrontDoorShell>
      {!query.error ? (
        <LoadingState label="Loading…" />
      ) : isNotFound(query.error) ? (
        <NotFound title={notFound} />
      ) : (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      )}
    </FrontDoorShell>
  );
}
