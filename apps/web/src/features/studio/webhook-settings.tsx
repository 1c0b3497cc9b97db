import { setStudioWebhookInput } from "@guild/api/schemas/studio";
import { useState } from "react";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { TextField } from "../../components/field.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { useStudioWebhook, useStudioWebhookMutations } from "./use-studio.ts";

/**
 * Admins: the organization's outgoing webhook, where posts scheduled "to the webhook" are POSTed
 * as JSON, signed (X-Guild-Signature: t=…,v1=HMAC-SHA256). The signing secret is shown once,
 * when first made or rotated: the receiving side keeps it; here only its last characters show.
 */
export function WebhookSettingsCard() {
  const settings = useStudioWebhook();
  const { set, rotate } = useStudioWebhookMutations();
  const [url, setUrl] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const fieldErrors = useFieldErrors(set.error);
  const shown = url ?? settings.data?.url ?? "";

  return (
    <Card
      title="Outgoing webhook"
      description="Posts scheduled to the webhook are sent here as signed JSON, e.g. to Zapier or Make to reach a social network."
    >
      {settings.isPending ? (
        <LoadingState label="Loading the webhook…" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <div className="space-y-4">
          <form
            noValidate
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              const checked = setStudioWebhookInput.safeParse({ url: shown });
              if (!checked.success) {
                fieldErrors.submitted(
                  Object.fromEntries(
                    Object.entries(z.flattenError(checked.error).fieldErrors).filter(
                      (entry): entry is [string, string[]] => Array.isArray(entry[1]),
                    ),
                  ),
                );
                document.getElementById("studio-webhook-url")?.focus();
                return;
              }
              fieldErrors.submitted({});
              set.mutate(checked.data, {
                onSuccess: (answer) => {
                  setUrl(null);
                  if (answer.secret) setSecret(answer.secret);
                },
              });
            }}
          >
            <TextField
              id="studio-webhook-url"
              label="Webhook address"
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://hooks.example.com/guild"
              value={shown}
              onChange={(event) => {
                setUrl(event.target.value);
                fieldErrors.changedField("url");
              }}
              error={fieldErrors.errors.url}
              className="min-w-0 flex-1 basis-64"
            />
            <Button type="submit" pending={set.isPending} disabled={shown === settings.data?.url}>
              Save
            </Button>
          </form>
          {set.isError && !fieldErrors.errors.url && !fieldErrors.checkFailed && (
            <FormAlert>{errorMessage(set.error)}</FormAlert>
          )}
          {secret ? (
            <div role="status" className="space-y-1 rounded-md bg-warning-muted p-3 text-sm">
              <p className="font-medium text-foreground">
                The signing secret, shown this once: copy it to the receiving side now.
              </p>
              <code className="block break-all rounded bg-surface px-2 py-1 text-foreground">
                {secret}
              </code>
            </div>
          ) : (
            settings.data && (
              <p className="text-sm text-muted-foreground">
                Deliveries are signed with the secret ending in “{settings.data.secretHint}”.
              </p>
            )
          )}
          {settings.data && (
            <Button
              variant="secondary"
              size="sm"
              pending={rotate.isPending}
              onClick={() =>
                rotate.mutate(undefined, { onSuccess: (answer) => setSecret(answer.secret) })
              }
            >
              Rotate the secret
            </Button>
          )}
          {rotate.isError && <FormAlert>{errorMessage(rotate.error)}</FormAlert>}
        </div>
      )}
    </Card>
  );
}
