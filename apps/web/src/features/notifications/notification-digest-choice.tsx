import { useState } from "react";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useNotificationDigest, useSetNotificationDigest } from "./use-notifications.ts";

/**
 * The daily digest by mail: one switch, saved at once. It goes out in the member's morning by
 * the time zone of their profile (UTC when they have not said).
 */
export function NotificationDigestChoice() {
  const digest = useNotificationDigest();
  const save = useSetNotificationDigest();
  const [saved, setSaved] = useState("");
  if (!digest.data) return null;
  const checked = save.isPending && save.variables ? save.variables.daily : digest.data.daily;
  return (
    <div className="mt-4 border-t border-border pt-4">
      <p role="status" className="sr-only">
        {saved}
      </p>
      {save.error && (
        <div className="mb-3">
          <FormAlert>Could not save: {errorMessage(save.error)}</FormAlert>
        </div>
      )}
      <label className="flex items-start gap-3 text-sm text-foreground">
        <input
          type="checkbox"
          className="mt-0.5 size-5 shrink-0 accent-primary"
          checked={checked}
          disabled={save.isPending}
          onChange={(event) =>
            save.mutate({ daily: event.target.checked }, { onSuccess: () => setSaved("Saved.") })
          }
        />
        <span>
          Daily digest by mail
          <span className="block text-xs text-muted-foreground">
            Each morning (in your profile's time zone), a mail with what you have not read yet.
          </span>
        </span>
      </label>
    </div>
  );
}
