// The life of one uPlot chart, shared by every chart screen: drawn into a container at its
// width, resized with it, redrawn when the theme changes (a canvas takes colours, not CSS
// variables), destroyed on unmount, and the hovered data index reported for a tooltip.
// Import it only from modules loaded with React.lazy: uPlot (~20 kB gz) stays out of the
// screens that draw no chart.
import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** The design tokens as they resolve now (light or dark), in the forms a canvas takes. */
export interface ChartTokens {
  primary: string;
  text: string;
  grid: string;
  axis: string;
  font: string;
}

export function chartTokens(element: Element): ChartTokens {
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

export interface UplotChartSpec {
  data: uPlot.AlignedData;
  /** Everything but the size (the container's width, the given height) and the hooks. */
  options: Omit<uPlot.Options, "width" | "height" | "hooks">;
}

export interface UplotHover {
  /** The hovered index into the data's x values. */
  index: number;
  /** Its x position in px from the container's left edge (the plot's offset included). */
  left: number;
}

/**
 * `build` must be stable between renders that should not redraw (useCallback on the data): it
 * is called again on every theme change with the new colours. Put `ref` on an empty div of the
 * given height; `drawn` turns true once the first frame is on the canvas (tests wait for it).
 */
export function useUplotChart(build: (tokens: ChartTokens) => UplotChartSpec, height: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  const [hovered, setHovered] = useState<UplotHover | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let chart: uPlot | null = null;
    const draw = () => {
      chart?.destroy();
      const { data, options } = build(chartTokens(element));
      const hooks: uPlot.Hooks.Arrays = {
        draw: [() => setDrawn(true)],
        setCursor: [
          (u) => {
            const index = u.cursor.idx;
            setHovered(
              index === null || index === undefined
                ? null
                : { index, left: u.valToPos(index, "x") + u.over.offsetLeft },
            );
          },
        ],
      };
      chart = new uPlot({ ...options, width: element.clientWidth, height, hooks }, data, element);
    };
    draw();
    const resize = new ResizeObserver(() => chart?.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    // The theme is a class on <html> (features/theme): the colours follow it.
    const theme = new MutationObserver(draw);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      chart?.destroy();
    };
  }, [build, height]);

  return { ref, drawn, hovered };
}
