// A year of learning days as a grid of weeks (columns) by weekdays (rows), darker for more
// learning that day, in the member's own time zone (the server's dates). A summary sentence
// carries it for screen readers; the grid scrolls sideways on a phone, newest weeks in view.
import { useEffect, useRef } from "react";

const DAY_MS = 86_400_000;
const WEEKS = 53;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayText = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

function shade(events: number) {
  if (events === 0) return "bg-muted-strong";
  if (events === 1) return "bg-primary/40";
  if (events <= 3) return "bg-primary/70";
  return "bg-primary";
}

export function StreakCalendar({
  today,
  calendar,
}: {
  today: string;
  calendar: { day: string; events: number }[];
}) {
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollLeft = element.scrollWidth;
  }, []);
  const byDay = new Map(calendar.map((entry) => [entry.day, entry.events]));
  const last = dayNumber(today);
  // Weeks start on Monday; the last column is this week, up to today.
  const weekday = (new Date(last * DAY_MS).getUTCDay() + 6) % 7;
  const first = last - weekday - (WEEKS - 1) * 7;
  const weeks = Array.from({ length: WEEKS }, (_, w) =>
    Array.from({ length: 7 }, (_, d) => first + w * 7 + d),
  );
  const active = calendar.filter((entry) => dayNumber(entry.day) >= first).length;
  return (
    <figure>
      <div ref={scroller} className="overflow-x-auto pb-1">
        <div aria-hidden="true" className="inline-flex gap-[3px]" data-calendar="streak">
          {weeks.map((days) => (
            <div key={days[0]} className="flex flex-col gap-[3px]">
              {days.map((n) =>
                n > last ? (
                  <span key={n} className="size-3" />
                ) : (
                  <span
                    key={n}
                    title={`${dayText(n)}: ${byDay.get(dayText(n)) ?? 0} learning`}
                    data-day={dayText(n)}
                    data-events={byDay.get(dayText(n)) ?? 0}
                    className={`size-3 rounded-sm ${shade(byDay.get(dayText(n)) ?? 0)}`}
                  />
                ),
              )}
            </div>
          ))}
        </div>
      </div>
      <figcaption className="mt-2 text-sm text-muted-foreground">
        {active === 1 ? "1 day" : `${active} days`} with learning in the last year.
      </figcaption>
    </figure>
  );
}
