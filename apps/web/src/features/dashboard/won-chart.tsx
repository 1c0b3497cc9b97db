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

/** Won value per month as bars; the same figures are in the table next to it for screen readers. */
export default function WonChart({ months }: { months: WonMonth[] }) {
  return (
    <div aria-hidden="true" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={months} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="month" tickFormatter={monthLabel} tickLine={false} fontSize={12} />
          <YAxis
            tickFormatter={(cents: number) => formatMoneyCompact(cents)}
            tickLine={false}
            axisLine={false}
            width={56}
            fontSize={12}
          />
          <Tooltip
            labelFormatter={(month) => monthLabel(String(month))}
            formatter={(cents) => [formatMoney(Number(cents)), "Won"]}
          />
          <Bar dataKey="valueCents" fill="#4f46e5" radius={[4, 4, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
