import { toast } from "sonner";
import { errorMessage } from "./errors.ts";

/**
 * "Deleted the task “Call Ada”." with Undo: the server restores what it soft-deleted (`restore`),
 * not a delayed request, and the toast says how that went. `failed` names it in a failure, when
 * a shorter name reads better there.
 */
export function toastDeleted(what: string, restore: () => Promise<unknown>, failed = what) {
  toast.success(`Deleted ${what}.`, {
    action: {
      label: "Undo",
      onClick: () =>
        void restore().then(
          () => toast.success(`Restored ${what}.`),
          (error: unknown) => toast.error(`Could not restore ${failed}: ${errorMessage(error)}`),
        ),
    },
  });
}
