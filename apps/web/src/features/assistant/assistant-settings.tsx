import { updateAssistantSettingsInput } from "@guild/api/schemas/assistant";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { TextField } from "../../components/field.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import {
  type AssistantSettings,
  useAssistantSettings,
  useUpdateAssistantSettings,
} from "./use-assistant.ts";

/** Admins: whether members may ask the assistant, and what one question costs in credits. */
export function AssistantSettingsCard() {
  const settings = useAssistantSettings();
  return (
    <Card
      title="AI assistant"
      description="Members ask it about leads, posts, courses and events; it sees only what they may open."
    >
      {settings.isPending ? (
        <LoadingState label="Loading the assistant's settings…" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm settings={settings.data} />
      )}
    </Card>
  );
}

function SettingsForm({ settings }: { settings: AssistantSettings }) {
  const update = useUpdateAssistantSettings();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [cost, setCost] = useState(String(settings.creditsPerMessage));
  const fieldErrors = useFieldErrors(update.error);
  const { errors, serverErrors } = fieldErrors;
  const formError =
    update.error && !serverErrors.creditsPerMessage ? errorMessage(update.error) : null;
  const dirty = enabled !== settings.enabled || cost.trim() !== String(settings.creditsPerMessage);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = updateAssistantSettingsInput.safeParse({
          enabled,
          creditsPerMessage: cost.trim() === "" ? Number.NaN : Number(cost),
        });
        if (!checked.success) {
          fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
          return;
        }
        fieldErrors.submitted({});
        update.mutate(checked.data, {
          onSuccess: () => toast.success("Assistant settings saved."),
        });
      }}
    >
      {formError && <FormAlert>{formError}</FormAlert>}
      <label className="flex items-center gap-2 text-sm text-foreground">
        <input
          type="checkbox"
          className="size-4 accent-primary"
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
        />
        Members can ask the assistant
      </label>
      <TextField
        label="Credits per message"
        hint="Spent from the member's credits for each question; 0 makes it free. A failed answer is refunded."
        inputMode="numeric"
        value={cost}
        onChange={(event) => {
          setCost(event.target.value);
          fieldErrors.changedField("creditsPerMessage");
        }}
        error={errors.creditsPerMessage}
        className="max-w-48"
      />
      <Button type="submit" pending={update.isPending} disabled={!dirty}>
        Save assistant settings
      </Button>
    </form>
  );
}
