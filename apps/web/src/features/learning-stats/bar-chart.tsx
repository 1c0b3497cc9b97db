// Loaded on its own (React.lazy), like the dashboard's won chart whose uPlot and colours it
// shares: bars of one series (XP per day, completion per lesson). The figures are also in a
// table or list next to it for screen readers and keyboards; the canvas is hidden from them.
import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { tokens } from "../dashboard/won-chart.tsx";

const HEIGHT = 208;
/** Room a label takes on the x axis. */
const LABEL_WIDTH = 56;

export interface Bar {
  label: string;
  value: number;
}

export default function BarChart({
  name,
  bars,
  format,
  max,
}: {
  /** data-chart's value (tests wait for it to be drawn). */
  name: string;
  bars: Bar[];
  format: (value: number) => string;
  /** The y axis's top (a rate's 1); the data's own maximum when left out. */
  max?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<{ bar: Bar; left: number } | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const data: uPlot.AlignedData = [bars.map((_, i) => i), bars.map((b) => b.value)];
    let chart: uPlot | null = null;
    const draw = () => {
      chart?.destroy();
      const colors = tokens(element);
      const options: uPlot.Options = {
        width: element.clientWidth,
        height: HEIGHT,
        padding: [8, 8, 0, 0],
        legend: { show: false },
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
            // Every k-th label where they would overlap, counted back from the last.
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
            size: 52,
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
            paths: uPlot.paths.bars?.({ size: [0.7, 48], radius: [0.1, 0] }),
          },
        ],
        hooks: {
          draw: [() => setDrawn(true)],
          setCursor: [
            (u) => {
              const i = u.cursor.idx;
              const bar = i === null || i === undefined ? undefined : bars[i];
              setHovered(bar ? { bar, left: u.valToPos(i ?? 0, "x") + u.over.offsetLeft } : null);
            },
          ],
        },
      };
      chart = new uPlot(options, data, element);
    };
    draw();
    const resize = new ResizeObserver(() =>
      chart?.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    resize.observe(element);
    const theme = new MutationObserver(draw);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      chart?.destroy();
    };
  }, [bars, format, max, name]);

  return (
    <div aria-hidden="true" className="relative h-52 w-full">
      <div ref={container} data-chart={name} data-drawn={drawn || undefined} className="h-52" />
      {hovered && (
        <div
          className="pointer-events-none absolute top-2 z-10 -translate-x-1/2 rounded-md border border-border bg-surface px-2 py-1 text-xs text-foreground shadow-sm"
          style={{ left: hovered.left }}
        >
          <div className="font-medium">{hovered.bar.label}</div>
          <div>{format(hovered.bar.value)}</div>
        </div>
      )}
    </div>
  );
}
