// Loaded on its own (React.lazy in dashboard.tsx): the chart library is only fetched by the
// screens that draw a chart. uPlot (~20 kB gz) draws on a canvas: a few ms for a dozen bars,
// where recharts (~115 kB gz) re-rendered SVG through React.
import { useMemo } from "react";
import BarChart from "../../components/bar-chart.tsx";
import { formatMoney, formatMoneyShort } from "../../lib/format.ts";

export interface WonMonth {
  month: string;
  leads: number;
  valueCents: number;
}

const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: "short",
    year: "2-digit",
    timeZone: "UTC",
  });

const describeWon = (cents: number) => `Won: ${formatMoney(cents)}`;

/** Won value per month as bars; the same figures are in the table next to it for screen readers. */
export default function WonChart({ months }: { months: WonMonth[] }) {
  const bars = useMemo(
    () => months.map((m) => ({ label: monthLabel(m.month), value: m.valueCents })),
    [months],
  );
  return (
    <BarChart
      name="won"
      bars={bars}
      format={formatMoneyShort}
      describe={describeWon}
      height={224}
    />
  );
}
