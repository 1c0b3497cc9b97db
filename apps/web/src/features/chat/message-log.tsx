import { type ReactNode, useLayoutEffect, useRef } from "react";
import { Button } from "../../components/button.tsx";

/** Within this many pixels of the bottom, a new message scrolls the log down to it. */
const NEAR_BOTTOM_PX = 120;

/**
 * A scrolling list of messages, oldest at the top: "Load older messages" above them, and the
 * view kept at the bottom as messages arrive while the reader is there (not when they scrolled
 * up to read, and not when older ones are added above: then the same message stays in view).
 */
export function MessageLog({
  label,
  count,
  newestId,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  empty,
  children,
}: {
  label: string;
  count: number;
  newestId: string | undefined;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder(): void;
  empty: ReactNode;
  children: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const seen = useRef<{ newestId: string | undefined; height: number; atBottom: boolean }>({
    newestId: undefined,
    height: 0,
    atBottom: true,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again when older messages are added above (count), to keep the view in place.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = seen.current;
    if (newestId !== before.newestId) {
      // A new newest message (or the first load): follow it if the reader was at the bottom.
      if (before.atBottom) el.scrollTop = el.scrollHeight;
    } else if (el.scrollHeight !== before.height && !before.atBottom) {
      // Older messages came in above: keep what the reader was looking at where it was.
      el.scrollTop += el.scrollHeight - before.height;
    }
    seen.current = { newestId, height: el.scrollHeight, atBottom: before.atBottom };
  }, [newestId, count]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    seen.current.atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    seen.current.height = el.scrollHeight;
  };

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      // A scrollable region must be reachable by keyboard to scroll it.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls with the arrow keys.
      tabIndex={0}
      role="log"
      aria-label={label}
      className="h-[55vh] min-h-64 overflow-y-auto rounded-md border border-border bg-surface px-2 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-ring sm:px-3"
    >
      {hasOlder && (
        <div className="flex justify-center py-2">
          <Button size="sm" variant="secondary" pending={loadingOlder} onClick={onLoadOlder}>
            Load older messages
          </Button>
        </div>
      )}
      {count === 0 ? (
        <div className="grid h-full place-items-center text-sm text-muted-foreground">{empty}</div>
      ) : (
        <ol className="divide-y divide-border/50">{children}</ol>
      )}
    </div>
  );
}
