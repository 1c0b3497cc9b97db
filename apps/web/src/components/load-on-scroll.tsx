import { useEffect, useRef } from "react";
import { Button } from "./button.tsx";

/**
 * Loads the next page when the end of a list or table scrolls into view, with a button for
 * keyboards, screen readers and browsers without IntersectionObserver.
 */
export function LoadOnScroll({
  loading,
  error,
  noun,
  onLoadMore,
}: {
  loading: boolean;
  error: boolean;
  /** What the rows are, for the failure: "leads". */
  noun: string;
  onLoadMore: () => void;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const load = useRef(onLoadMore);
  load.current = onLoadMore;

  // A new observer after every page: it reports at once if the end is still in view (a tall
  // screen), so pages keep coming until it is not. After a failure, the button retries.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || loading || error || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) load.current();
      },
      { rootMargin: "300px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [loading, error]);

  return (
    <div ref={sentinel} className="flex flex-col items-center gap-2 py-4">
      {error && <p className="text-sm text-danger">Could not load more {noun}.</p>}
      <Button variant="secondary" onClick={onLoadMore} pending={loading}>
        {loading ? "Loading…" : "Load more"}
      </Button>
    </div>
  );
}
