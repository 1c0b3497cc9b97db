import { ChevronLeft, ChevronRight } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "../../components/button.tsx";

/**
 * A calendar's Previous / Today / Next and the title of what it shows ("December 2026"), read
 * out as it changes. The organization's calendar and the studio's content calendar share it.
 */
export function CalendarSteps({
  unit,
  title,
  atToday,
  onPrevious,
  onToday,
  onNext,
}: {
  /** What one step moves by: "month", "week". */
  unit: string;
  title: ReactNode;
  atToday: boolean;
  onPrevious: () => void;
  onToday: () => void;
  onNext: () => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <StepButton label={`Previous ${unit}`} onClick={onPrevious}>
        <ChevronLeft aria-hidden="true" className="size-4" />
      </StepButton>
      <Button variant="secondary" size="sm" onClick={onToday} disabled={atToday}>
        Today
      </Button>
      <StepButton label={`Next ${unit}`} onClick={onNext}>
        <ChevronRight aria-hidden="true" className="size-4" />
      </StepButton>
      <h2 aria-live="polite" className="ml-1 text-lg font-semibold text-foreground">
        {title}
      </h2>
    </div>
  );
}

/** An icon button that moves the calendar by its unit, named for screen readers and on hover. */
function StepButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button variant="secondary" size="sm" aria-label={label} title={label} onClick={onClick}>
      {children}
    </Button>
  );
}
