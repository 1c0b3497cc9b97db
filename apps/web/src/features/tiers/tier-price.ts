import { zeroDecimalCurrencies } from "@guild/api/schemas/member-tier";

const formats = new Map<string, Intl.NumberFormat>();

/** A tier's price in minor units as money in its currency ("$9.00", "¥900"). */
export function formatTierPrice(minor: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      style: "currency",
      currency: currency.toUpperCase(),
    });
    formats.set(currency, format);
  }
  return format.format(zeroDecimalCurrencies.includes(currency) ? minor : minor / 100);
}

/** Minor units as the text a price field shows ("9", "9.50"; "" for none). */
export function priceToText(minor: number | null, currency: string): string {
  if (minor === null) return "";
  if (zeroDecimalCurrencies.includes(currency)) return String(minor);
  const whole = Math.trunc(minor / 100);
  const fraction = minor % 100;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, "0")}`;
}

/**
 * A price field's text as minor units: "" is no price (null); NaN for what is not an amount, so
 * the shared schema says so next to the field.
 */
export function textToPrice(text: string, currency: string): number | null {
  const cleaned = text.trim().replace(/[\s,]/g, "");
  if (cleaned === "") return null;
  const zero = zeroDecimalCurrencies.includes(currency);
  const match = (zero ? /^(\d+)$/ : /^(\d+)(?:\.(\d{0,2}))?$/).exec(cleaned);
  if (!match) return Number.NaN;
  const whole = Number(match[1]);
  return zero ? whole : whole * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
