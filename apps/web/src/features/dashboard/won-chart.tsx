// Loaded on its own (React.lazy in dashboard.tsx): the chart library is only fetched by the
// screens that draw a chart. uPlot (~20 kB gz) draws on a canvas: a few ms for a dozen bars,
// where recharts (~115 kB gz) re-rendered SVG through React.
import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
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

const HEIGHT = 224; // h-56
/** Room a month's label takes on the x axis ("Nov 26" at 12 px, and a gap). */
const LABEL_WIDTH = 52;

/**
 * A canvas takes colours, not CSS variables: the design tokens as they resolve now (light or
 * dark), read again when the theme changes.
 */
export function tokens(element: Element) {
  const style = getComputedStyle(element);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return {
    primary: token("--primary"),
    text: token("--muted-foreground"),
    grid: token("--border"),
    axis: token("--input"),
    font: `12px ${style.fontFamily}`,
  };
}

function chartOptions(months: WonMonth[], width: number, element: Element): uPlot.Options {
  const colors = tokens(element);
  const label = (i: number) => {
    const month = Number.isInteger(i) ? months[i] : undefined;
    return month ? monthLabel(month.month) : "";
  };
  return {
    width,
    height: HEIGHT,
    padding: [8, 8, 0, 0],
    legend: { show: false },
    // The hovered month is told by the tooltip; no crosshair, points or zoom by dragging.
    cursor: { x: false, y: false, points: { show: false }, drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: () => [-0.5, months.length - 0.5] },
      y: { range: (_u, _min, max) => uPlot.rangeNum(0, max > 0 ? max : 1, 0.1, true) },
    },
    axes: [
      {
        stroke: colors.text,
        font: colors.font,
        grid: { show: false },
        ticks: { show: false },
        border: { show: true, stroke: colors.axis, width: 1 },
        splits: () => months.map((_, i) => i),
        // Every k-th month where the labels would overlap (a phone, a long period), counted
        // back from the latest, which is always named.
        values: (u, splits) => {
          const perMonth = u.bbox.width / uPlot.pxRatio / Math.max(months.length, 1);
          const every = Math.ceil(LABEL_WIDTH / perMonth);
          return splits.map((i) => ((months.length - 1 - i) % every === 0 ? label(i) : ""));
        },
      },
      {
        stroke: colors.text,
        font: colors.font,
        size: 56,
        grid: { stroke: colors.grid, width: 1 },
        ticks: { show: false },
        values: (_u, splits) => splits.map((cents) => formatMoneyShort(cents)),
      },
    ],
    series: [
      {},
      {
        label: "Won",
        fill: colors.primary,
        stroke: colors.primary,
        width: 0,
        points: { show: false },
        paths: uPlot.paths.bars?.({ size: [0.6, 64], radius: [0.1, 0] }),
      },
    ],
  };
}

interface Hovered {
  month: WonMonth;
  left: number;
}

/** Won value per month as bars; the same figures are in the table next to it for screen readers. */
export default function WonChart({ months }: { months: WonMonth[] }) {
  const container = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const data: uPlot.AlignedData = [months.map((_, i) => i), months.map((m) => m.valueCents)];
    let chart: uPlot | null = null;
    const draw = () => {
      chart?.destroy();
      const options = chartOptions(months, element.clientWidth, element);
      options.hooks = {
        draw: [() => setDrawn(true)],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            const month = i === null || i === undefined ? undefined : months[i];
            // The bar's centre: its place in the plot, plus the plot's offset (the y axis).
            setHovered(month ? { month, left: u.valToPos(i ?? 0, "x") + u.over.offsetLeft } : null);
          },
        ],
      };
      chart = new uPlot(options, data, element);
    };
    draw();
    const resize = new ResizeObserver(() =>
      chart?.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    resize.observe(element);
    // The theme is a class on <html> (features/theme): the colours follow it.
    const theme = new MutationObserver(draw);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      chart?.destroy();
    };
  }, [months]);

  return (
    // Hidden from assistive technology: the table holds the figures. Nothing in it is focusable.
    <div aria-hidden="true" className="relative h-56 w-full">
      <div ref={container} data-chart="won" data-drawn={drawn || undefined} className="h-56" />
      {hovered && (
        <div
          className="pointer-events-none absolute top-2 z-10 -translate-x-1/2 rounded-md border border-border bg-surface px-2 py-1 text-xs text-foreground shadow-sm"
          style={{ left: hovered.left }}
        >
          <div className="font-medium">{monthLabel(hovered.month.month)}</div>
          <div>Won: {formatMoney(hovered.month.valueCents)}</div>
        </div>
      )}
    </div>
  );
}
