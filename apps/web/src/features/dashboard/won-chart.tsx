// Loaded on its own (React.lazy in dashboard.tsx): the chart library is only fetched by the
// screens that draw a chart.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney, formatMoneyCompact } from "../../lib/format.ts";

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

// SVG attributes take the design tokens as CSS variables: the chart follows the theme.
const tick = { fill: "var(--muted-foreground)" };

/** Won value per month as bars; the same figures are in the table next to it for screen readers. */
export default function WonChart({ months }: { months: WonMonth[] }) {
  return (
    <div aria-hidden="true" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        {/* No keyboard layer: the chart is hidden from assistive technology (the table holds the
            figures), and a focusable element inside aria-hidden would be reachable yet unnamed. */}
        <BarChart
          data={months}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="month"
            tickFormatter={monthLabel}
            tickLine={false}
            tick={tick}
            stroke="var(--input)"
            fontSize={12}
          />
          <YAxis
            tickFormatter={(cents: number) => formatMoneyCompact(cents)}
            tickLine={false}
            axisLine={false}
            width={56}
            tick={tick}
            fontSize={12}
          />
          <Tooltip
            labelFormatter={(month) => monthLabel(String(month))}
            formatter={(cents) => [formatMoney(Number(cents)), "Won"]}
            cursor={{ fill: "var(--muted)" }}
            contentStyle={{
              background: "var(--surface)",
              borderColor: "var(--border)",
              color: "var(--foreground)",
            }}
          />
          {/* Drawn at once: the grow-in animation re-rendered the chart every frame for 1.5 s while
              the dashboard loaded, its largest main-thread cost (bench/lighthouse.ts, TBT). */}
          <Bar
            dataKey="valueCents"
            fill="var(--primary)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
