/** A labelled progress bar, 0 to 100. */
export function ProgressBar({
  label,
  percent,
  className = "h-1.5 w-full",
}: {
  label: string;
  percent: number;
  /** Size and width (the track's colours are the bar's own). */
  className?: string;
}) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={`overflow-hidden rounded-full bg-muted-strong ${className}`}
    >
      <div
        className="h-full rounded-full bg-primary transition-[width]"
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
