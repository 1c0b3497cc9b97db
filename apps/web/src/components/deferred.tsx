import { type ComponentType, lazy, type ReactNode, Suspense } from "react";

/**
 * A control whose code (a menu, a dialog and their libraries) need not hold up a screen's first
 * paint: the screen paints with `placeholder` in its place, and the code loads right after, in
 * its own chunk, outside the screen's preloads. The placeholder has the control's size and look
 * (no layout shift) and nothing to press: a click cannot be lost, and tests and assistive
 * technology find the control itself once it is there. `preload()` starts loading one that is
 * not on screen yet (a selection's actions), so it is there when it is needed.
 */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder: (props: P) => ReactNode = () => null,
) {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => {
    loading ??= load().then((component) => ({ default: component }));
    return loading;
  };
  const Lazy = lazy(preload);
  // biome-ignore lint/correctness/noComponentHookFactories: called once per control, at module level (like React.lazy itself)
  function Deferred(props: P) {
    return (
      <Suspense fallback={placeholder(props)}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  Deferred.preload = preload;
  return Deferred;
}
