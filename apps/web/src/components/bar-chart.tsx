// Bars of one series (won value per month, XP per day, completion per lesson, attendance per
// session), on the shared uPlot lifecycle. Load it with React.lazy: the chart library is only
// fetched by the screens that draw a chart. The figures must also be in a table or list next to
// it for screen readers and keyboards; the canvas is hidden from them.
import { useCallback } from "react";
import uPlot from "uplot";
import { type ChartTokens, type UplotChartSpec, useUplotChart } from "./use-uplot-chart.ts";

export interface Bar {
  label: string;
  value: number;
}

/** Room a label takes on the x axis ("Nov 26" at 12 px, and a gap). */
const LABEL_WIDTH = 56;

export default function BarChart({
  name,
  bars,
  format,
  describe = format,
  max,
  height = 208,
}: {
  /** data-chart's value (tests wait for it to be drawn) and the series' name. */
  name: string;
  bars: Bar[];
  /** The y axis's labels. */
  format: (value: number) => string;
  /** The hovered bar's value in its tooltip; `format` when left out. */
  describe?: (value: number) => string;
  /** The y axis's top (a rate's 1); the data's own maximum when left out. */
  max?: number;
  height?: number;
}) {
  const build = useCallback(
    (colors: ChartTokens): UplotChartSpec => ({
      data: [bars.map((_, i) => i), bars.map((b) => b.value)],
      options: {
        padding: [8, 8, 0, 0],
        legend: { show: false },
        // The hovered bar is told by the tooltip; no crosshair, points or zoom by dragging.
        cursor: { x: false, y: false, points: { show: false }, drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: () => [-0.5, bars.length - 0.5] },
          y: {
            range: (_u, _min, top) =>
              max === undefined ? uPlot.rangeNum(0, top > 0 ? top : 1, 0.1, true) : [0, max],
          },
        },
        axes: [
          {
            stroke: colors.text,
            font: colors.font,
            grid: { show: false },
            ticks: { show: false },
            border: { show: true, stroke: colors.axis, width: 1 },
            splits: () => bars.map((_, i) => i),
            // Every k-th label where they would overlap (a phone, a long period), counted back
            // from the last, which is always named.
            values: (u, splits) => {
              const perBar = u.bbox.width / uPlot.pxRatio / Math.max(bars.length, 1);
              const every = Math.ceil(LABEL_WIDTH / perBar);
              return splits.map((i) =>
                (bars.length - 1 - i) % every === 0 ? (bars[i]?.label ?? "") : "",
              );
            },
          },
          {
            stroke: colors.text,
            font: colors.font,
            size: 56,
            grid: { stroke: colors.grid, width: 1 },
            ticks: { show: false },
            values: (_u, splits) => splits.map((value) => format(value)),
          },
        ],
        series: [
          {},
          {
            label: name,
            fill: colors.primary,
            stroke: colors.primary,
            width: 0,
            points: { show: false },
            paths: uPlot.paths.bars?.({ size: [0.7, 56], radius: [0.1, 0] }),
          },
        ],
      },
    }),
    [bars, format, max, name],
  );
  const { ref, drawn, hovered } = useUplotChart(build, height);
  const bar = hovered ? bars[hovered.index] : undefined;

  return (
    <div aria-hidden="true" className="relative w-full" style={{ height }}>
      <div ref={ref} data-chart={name} data-drawn={drawn || undefined} style={{ height }} />
      {hovered && bar && (
        <div
          className="pointer-events-none absolute top-2 z-10 -translate-x-1/2 rounded-md border border-border bg-surface px-2 py-1 text-xs text-foreground shadow-sm"
          style={{ left: hovered.left }}
        >
          <div className="font-medium">{bar.label}</div>
          <div>{describe(bar.value)}</div>
        </div>
      )}
    </div>
  );
}
