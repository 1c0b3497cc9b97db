const currency = new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" });
const compactCurrency = new Intl.NumberFormat(undefined, {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** Integer cents as money, e.g. 125000 → "$1,250.00". */
export function formatMoney(cents: number): string {
  return currency.format(cents / 100);
}

/** Like formatMoney below $100,000; from there on short, e.g. "$1.3M", "$100B". */
export function formatMoneyCompact(cents: number): string {
  return cents < 100_000_00 ? currency.format(cents / 100) : compactCurrency.format(cents / 100);
}

/** Always short, for a chart's axis: "$0", "$25K", "$1.3M". */
export function formatMoneyShort(cents: number): string {
  return compactCurrency.format(cents / 100);
}

const byCurrency = new Map<string, Intl.NumberFormat>();

/** An amount in a currency's smallest unit, e.g. (1500, "usd") → "$15.00", (900, "eur") → "€9.00". */
export function formatAmount(minor: number, currencyCode: string): string {
  const code = currencyCode.toUpperCase();
  let format = byCurrency.get(code);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: "currency", currency: code });
    byCurrency.set(code, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

export function formatDateTime(value: Date): string {
  return dateTime.format(value);
}

export function formatDate(value: Date): string {
  return date.format(value);
}

/** Cents as the decimal text a form field shows, e.g. 125050 → "1250.50", 0 → "". */
export function centsToAmount(cents: number): string {
  if (cents === 0) return "";
  const whole = Math.trunc(cents / 100);
  const fraction = cents % 100;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, "0")}`;
}

/**
 * A typed decimal amount ("1,250.5", "1250", " 99.99 ") as integer cents, without floating-point
 * rounding. Empty → 0. Anything else that is not an amount → null.
 */
/**
 * What the amount field says about what was typed, or null when it is an amount: a minus sign
 * gets its own sentence (the value must be positive), anything else an example of the format.
 */
export function amountProblem(text: string, positive: string): string | null {
  if (amountToCents(text) !== null) return null;
  const unsigned = text
    .trim()
    .replace(/^\$/, "")
    .replace(/^[-\u2212]\s*/, "");
  const signed = unsigned !== text.trim().replace(/^\$/, "");
  if (signed && unsigned !== "" && amountToCents(unsigned) !== null) return positive;
  return "Enter an amount like 1250 or 1250.50";
}

export function amountToCents(text: string): number | null {
  const cleaned = text.trim().replace(/[\s,]/g, "").replace(/^\$/, "");
  if (cleaned === "") return 0;
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  const cents = whole * 100 + fraction;
  return Number.isSafeInteger(cents) ? cents : null;
}
