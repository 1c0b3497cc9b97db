import type { PointerEvent } from "react";

const clamp = {
  1: "block truncate",
  2: "line-clamp-2 wrap-anywhere",
  3: "line-clamp-3 wrap-anywhere",
} as const;

/** Gives a clamped element its full text as a tooltip, only while some of it is cut off. */
export function titleIfCut(element: HTMLElement, text: string | null = element.textContent) {
  const cut =
    element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight;
  if (cut && text) element.title = text;
  else element.removeAttribute("title");
}

/**
 * Long text cut to `lines` lines (an ellipsis at the end), the whole of it on hover: for names
 * people choose (leads, organizations) in breadcrumbs, headings, dialog titles and toasts. The
 * tooltip is added only when something is cut, so screen readers do not hear the text twice.
 */
export function TruncatedText({
  children,
  lines = 1,
  className = "",
}: {
  children: string;
  lines?: keyof typeof clamp;
  className?: string;
}) {
  return (
    <span
      className={`${clamp[lines]} ${className}`}
      onPointerEnter={(event: PointerEvent<HTMLSpanElement>) =>
        titleIfCut(event.currentTarget, children)
      }
    >
      {children}
    </span>
  );
}
