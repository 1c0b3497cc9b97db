import { useEffect, useRef } from "react";
import { selectClass } from "./field.tsx";

/** A dropdown of checkboxes: keyboard-usable (a <details> and native checkboxes), compact on mobile. */
export function MultiSelect<T extends string>({
  legend,
  options,
  labelOf,
  selected,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  labelOf: (value: T) => string;
  selected: T[];
  onChange: (next: T[]) => void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (
        event instanceof KeyboardEvent
          ? event.key === "Escape"
          : event.target instanceof Node && !details.contains(event.target)
      ) {
        details.open = false;
        if (event instanceof KeyboardEvent) details.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, []);
  const chosen = options.filter((option) => selected.includes(option)).map(labelOf);
  return (
    <div>
      <span aria-hidden="true" className="block text-sm font-medium text-foreground">
        {legend}
      </span>
      <details ref={ref} className="relative mt-1 sm:w-40">
        <summary
          className={`${selectClass} flex cursor-pointer list-none items-center [&::-webkit-details-marker]:hidden`}
        >
          <span className="sr-only">
            {legend}: {chosen.length ? chosen.join(", ") : "Any"}
          </span>
          <span aria-hidden="true" className="truncate">
            {shortList(chosen)}
          </span>
        </summary>
        <fieldset className="absolute left-0 z-20 mt-1 w-full min-w-44 sm:w-52 rounded-lg border border-border bg-surface p-2 shadow-lg">
          <legend className="sr-only">Filter by {legend.toLowerCase()}</legend>
          {options.map((option) => (
            <label
              key={option}
              className="flex items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-subtle"
            >
              <input
                type="checkbox"
                className="size-4 rounded border-input"
                checked={selected.includes(option)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...selected, option]
                      : selected.filter((value) => value !== option),
                  )
                }
              />
              {labelOf(option)}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}

/**
 * What a closed multi-select shows: as many chosen names as fit its width (about 16 characters),
 * then how many more, e.g. "New, Won +1". Nothing chosen: "Any".
 */
function shortList(labels: string[], room = 16): string {
  if (labels.length === 0) return "Any";
  const text = (count: number) => {
    const more = labels.length - count;
    return labels.slice(0, count).join(", ") + (more > 0 ? ` +${more}` : "");
  };
  let count = 1;
  while (count < labels.length && text(count + 1).length <= room) count++;
  return text(count);
}
