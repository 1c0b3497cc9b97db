import { zeroDecimalCurrencies } from "@guild/api/schemas/member-tier";

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
