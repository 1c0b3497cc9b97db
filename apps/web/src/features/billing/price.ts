// Plan prices as the billing screens say them: "$12.00 per seat / month", "$2,990.00 once".
import type { PlanInterval } from "@guild/db/enums";
import { formatAmount } from "../../lib/format.ts";

const per: Record<PlanInterval, string> = { month: " / month", year: " / year", lifetime: " once" };

export function describePrice(price: {
  unitAmount: number;
  currency: string;
  interval: PlanInterval;
  perSeat: boolean;
}): string {
  return `${formatAmount(price.unitAmount, price.currency)}${price.perSeat ? " per seat" : ""}${per[price.interval]}`;
}
