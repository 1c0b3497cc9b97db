import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * Renders `children` once its place comes near the viewport (within `margin`), and keeps them
 * from then on; until then a placeholder of the same height holds the place. For heavy parts
 * below the fold (a chart and its library): a phone's first load neither downloads nor runs
 * them unless the person scrolls there.
 */
export function NearViewport({
  children,
  className,
  margin = "200px",
}: {
  children: ReactNode;
  /** The placeholder's classes: the height the children will take, so nothing moves. */
  className: string;
  margin?: string;
}) {
  const placeholder = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = placeholder.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, margin]);
  return near ? children : <div ref={placeholder} className={className} />;
}
