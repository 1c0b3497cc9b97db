import { useState } from "react";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useNotificationPreferences, useSetNotificationPreference } from "./use-notifications.ts";

/** One row per kind of notification: in the app, by mail. Each change is saved at once. */
export function NotificationPreferences() {
  const preferences = useNotificationPreferences();
  const save = useSetNotificationPreference();
  const [saved, setSaved] = useState("");
  // What the member just chose, shown until the save settles. The cache's optimistic update lands
  // a tick later (after cancelQueries, through TanStack's batched notify), and meanwhile React
  // puts a controlled checkbox back to its old value: the click looked ignored for a moment, and
  // CI's browser test once read the box in that moment.
  const [choosing, setChoosing] = useState<{ key: string; checked: boolean } | null>(null);

  if (preferences.isPending) return <LoadingState label="Loading settings…" />;
  if (preferences.error)
    return <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />;

  return (
    <>
      <p role="status" className="sr-only">
        {saved}
      </p>
      {save.error && (
        <div className="mb-3">
          <FormAlert>Could not save: {errorMessage(save.error)}</FormAlert>
        </div>
      )}
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="text-xs text-muted-foreground">
            <th scope="col" className="py-2 pr-3 font-medium">
              Notify me when
            </th>
            <th scope="col" className="w-20 px-2 py-2 text-center font-medium">
              In the app
            </th>
            <th scope="col" className="w-20 px-2 py-2 text-center font-medium">
              By mail
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {preferences.data.map((preference) => (
            <tr key={preference.kind}>
              <th scope="row" className="py-3 pr-3 font-normal text-foreground">
                {preference.label}
              </th>
              {(["inApp", "mail"] as const).map((channel) => {
                const key = `${preference.kind}:${channel}`;
                return (
                  <td key={channel} className="px-2 py-3 text-center">
                    <input
                      type="checkbox"
                      className="size-5 accent-primary"
                      aria-label={`${preference.label}: ${channel === "inApp" ? "in the app" : "by mail"}`}
                      checked={choosing?.key === key ? choosing.checked : preference[channel]}
                      disabled={save.isPending}
                      onChange={(event) => {
                        const checked = event.target.checked;
                        setChoosing({ key, checked });
                        save.mutate(
                          {
                            kind: preference.kind,
                            inApp: preference.inApp,
                            mail: preference.mail,
                            [channel]: checked,
                          },
                          {
                            onSuccess: () => setSaved("Saved."),
                            onSettled: () => setChoosing(null),
                          },
                        );
                      }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
