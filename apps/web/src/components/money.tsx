import { formatMoney, formatMoneyCompact } from "../lib/format.ts";

/**
 * An amount of integer cents where space is tight (cards, table cells, figures): large amounts
 * shortened ("$1.2M", up to "$100B") so they never push a layout wider than a phone. The exact
 * amount stays a hover away and is what screen readers read.
 */
export function CompactMoney({ cents, className }: { cents: number; className?: string }) {
  const exact = formatMoney(cents);
  const short = formatMoneyCompact(cents);
  if (short === exact) return <span className={className}>{exact}</span>;
  return (
    <span className={className} title={exact}>
      <span aria-hidden="true">{short}</span>
      <span className="sr-only">{exact}</span>
    </span>
  );
}
