import {
  type KeyboardEvent,
  type ReactNode,
  type TdHTMLAttributes,
  useEffect,
  useRef,
} from "react";
import { dayAfterKey } from "./calendar-keys.ts";
import { type DayKey, formatDay, type Weekday } from "./zoned-time.ts";

/**
 * Days as a table of weeks (the month view's weeks, or the week view's one row), keyboard
 * navigable like the APG date picker's grid: one Tab stop, the chosen day's button; arrows move by a day
 * or a week, Home/End to the week's ends, Page Up/Down by a month, even past the grid's edge
 * (the screen then shows the month or week of the new day). Each square shows `renderDay`.
 */
export function DayGrid({
  label,
  weeks,
  selected,
  weekStartsOn,
  countOf,
  today,
  outside,
  onSelect,
  renderDay,
  className = "",
  cellClassName = "",
  countWords = ["event", "events"],
  cellProps,
}: {
  label: string;
  weeks: DayKey[][];
  selected: DayKey;
  weekStartsOn: Weekday;
  countOf: (day: DayKey) => number;
  today: DayKey;
  /** A day of the grid outside the shown month (greyed). */
  outside: (day: DayKey) => boolean;
  onSelect: (day: DayKey, byKeyboard: boolean) => void;
  renderDay: (day: DayKey) => ReactNode;
  className?: string;
  cellClassName?: string;
  /** What a day's count counts, one and many, in its button's name ("2 posts"). */
  countWords?: [string, string];
  /** More for a day's square, e.g. the handlers that make it a drop target. */
  cellProps?: (day: DayKey) => TdHTMLAttributes<HTMLTableCellElement>;
}) {
  // A plain table (weekday headers read with each day) whose day buttons take the arrow keys;
  // the chosen day is the pressed button.
  const grid = useRef<HTMLTableElement>(null);
  const movedByKey = useRef(false);
  // Focus follows a keyboard move once the new day is on screen (it may be another month).
  useEffect(() => {
    if (!movedByKey.current) return;
    movedByKey.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`button[data-day="${selected}"]`)?.focus();
  }, [selected]);
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (!(event.target instanceof HTMLButtonElement) || !event.target.dataset.day) return;
    const next = dayAfterKey(event.key, selected, weekStartsOn);
    if (!next) return;
    event.preventDefault();
    movedByKey.current = true;
    onSelect(next, true);
  };
  const header = weeks[0] ?? [];
  return (
    <table
      ref={grid}
      aria-label={label}
      onKeyDown={onKeyDown}
      className={`w-full table-fixed border-collapse ${className}`}
    >
      <thead>
        <tr>
          {header.map((day) => (
            <th
              key={day}
              scope="col"
              className="pb-1 text-center text-xs font-medium text-muted-foreground"
            >
              <abbr title={formatDay(day, { weekday: "long" })} className="no-underline">
                {formatDay(day, { weekday: "short" })}
              </abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((day) => {
              const count = countOf(day);
              const chosen = day === selected;
              const name = `${formatDay(day, { weekday: "long", month: "long", day: "numeric" })}${
                day === today ? ", today" : ""
              }, ${count === 0 ? `no ${countWords[1]}` : `${count} ${countWords[count === 1 ? 0 : 1]}`}`;
              return (
                <td
                  key={day}
                  {...cellProps?.(day)}
                  className={`border border-border align-top ${
                    outside(day) ? "bg-subtle" : "bg-surface"
                  } ${chosen ? "ring-2 ring-inset ring-ring" : ""} ${cellClassName}`}
                >
                  <div className="flex h-full flex-col gap-0.5 p-1">
                    <button
                      type="button"
                      data-day={day}
                      tabIndex={chosen ? 0 : -1}
                      aria-label={name}
                      aria-pressed={chosen}
                      onClick={() => onSelect(day, false)}
                      className={`grid size-7 place-items-center self-start rounded-full text-xs tabular-nums focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none ${
                        day === today
                          ? "bg-primary font-semibold text-primary-foreground"
                          : outside(day)
                            ? "text-muted-foreground hover:bg-muted"
                            : "text-foreground hover:bg-muted"
                      }`}
                    >
                      {Number(day.slice(8))}
                    </button>
                    {renderDay(day)}
                  </div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
