import { type DragEvent, useId, useState } from "react";

/**
 * A file input that also takes a file dropped on it. The input itself stays in the tab order
 * (visually hidden, its label drawn as the drop zone), so the keyboard and screen readers use
 * the browser's own file chooser.
 */
export function FileDrop({
  onFile,
  disabled = false,
}: {
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <label
      htmlFor={id}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`flex cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed px-6 py-10 text-center focus-within:ring-2 focus-within:ring-ring ${
        over ? "border-ring bg-accent" : "border-input bg-surface hover:bg-subtle"
      }`}
    >
      <span className="text-base font-semibold text-foreground">Choose a CSV file</span>
      <span className="text-sm text-muted-foreground">or drop it here</span>
      <span className="text-xs text-muted-foreground">
        A header row, then one lead per row: up to 100,000 rows.
      </span>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv"
        className="sr-only"
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so choosing the same file again (after fixing it) is a change too.
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
