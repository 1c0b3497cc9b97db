import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Where keyboard focus goes once the button that acted went away with what it acted on (a
 * removed member's row, a revoked session): without this it falls back to the page's start.
 * Put `ref` on an element that takes focus (a control, or one with tabIndex={-1}); call
 * `moveFocus()` when the thing is gone. The message itself is a toast, read out by its region.
 */
export function useFocusAfterRemoval<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [removals, setRemovals] = useState(0);
  useEffect(() => {
    if (!removals) return;
    // After the commit that closed any confirmation, and a frame later: a closing dialog keeps
    // the page inert (unfocusable) until it has closed.
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [removals]);
  const moveFocus = useCallback(() => setRemovals((n) => n + 1), []);
  return { ref, moveFocus };
}
