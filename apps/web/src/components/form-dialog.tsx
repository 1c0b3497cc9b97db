import { type ReactNode, useId } from "react";
import { Button } from "./button.tsx";
import { useModalDialog } from "./confirm-dialog.tsx";

/**
 * A form's modal on the native <dialog> (focus trapped, Escape closes, focus goes back), its
 * content mounted only while open so each opening starts from a fresh form.
 */
export function FormDialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto max-h-[90dvh] w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-lg bg-surface p-0 shadow-xl"
    >
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold wrap-anywhere text-foreground">
          {title}
        </h2>
        {open && children}
      </div>
    </dialog>
  );
}

/** A dialog form's Cancel and submit buttons, at its end. */
export function DialogActions({
  pending,
  submitLabel,
  onCancel,
}: {
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="flex flex-wrap justify-end gap-2 sm:col-span-2">
      <Button variant="secondary" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" pending={pending}>
        {submitLabel}
      </Button>
    </div>
  );
}
