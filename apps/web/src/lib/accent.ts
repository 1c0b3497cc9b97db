// An organization's accent colour as CSS variables: the colour itself and a text colour that
// reads on it (black or white, whichever contrasts more by WCAG's relative luminance), so any
// colour an owner picks stays legible on buttons and bands.
import type { CSSProperties } from "react";

function channel(hex: string, at: number): number {
  const value = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** #000000 or #ffffff, whichever has the higher contrast ratio against `hex`. */
export function readableOn(hex: string): "#000000" | "#ffffff" {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}

/** `--org-accent` and `--org-accent-foreground` for a style attribute (none: the app's own). */
export function accentVariables(accent: string | null | undefined): CSSProperties {
  if (!accent || !/^#[0-9a-f]{6}$/i.test(accent)) return {};
  const variables: Record<string, string> = {
    "--org-accent": accent,
    "--org-accent-foreground": readableOn(accent),
  };
  return variables;
}
