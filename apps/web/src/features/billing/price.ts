// Plan prices as the billing screens say them: "$12.00 per seat / month", "$2,990.00 once".
import type { PlanInterval } from "@guild/db/enums";

const formatters = new Map<string, Intl.NumberFormat>();

/** An amount in the currency's minor unit, in that currency. */
export function formatPrice(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  let format = formatters.get(code);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: "currency", currency: code });
    formatters.set(code, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

const per: Record<PlanInterval, string> = { month: " / month", year: " / year", lifetime: " once" };

export function describePrice(price: {
  unitAmount: number;
  currency: string;
  interval: PlanInterval;
  perSeat: boolean;
}): string {
  return `${formatPrice(price.unitAmount, price.currency)}${price.perSeat ? " per seat" : ""}${per[price.interval]}`;
}
