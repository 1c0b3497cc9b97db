import { studioBrief } from "@guild/api/schemas/studio";
import {
  type StudioLength,
  type StudioPlatform,
  type StudioTone,
  studioLengths,
  studioPlatforms,
  studioTones,
} from "@guild/db/enums";
import { useState } from "react";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { SelectField, TextField } from "../../components/field.tsx";
import type { FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { lengthLabels, platformLabels, toneLabels } from "./studio-labels.ts";

export interface Brief {
  topic: string;
  tone: StudioTone;
  platform: StudioPlatform;
  length: StudioLength;
}

export const emptyBrief: Brief = {
  topic: "",
  tone: "friendly",
  platform: "community",
  length: "medium",
};

/**
 * The brief a generation starts from: topic, tone, platform, length. Checked with the API's own
 * schema before a credit is spent, its issues next to the fields; the server's come back there
 * too (`serverError`).
 */
export function BriefForm({
  initial = emptyBrief,
  pending,
  disabled = false,
  serverError,
  onSubmit,
}: {
  initial?: Brief;
  pending: boolean;
  disabled?: boolean;
  serverError: unknown;
  onSubmit: (brief: Brief) => void;
}) {
  const [values, setValues] = useState<Brief>(initial);
  const fieldErrors = useFieldErrors(serverError);
  const { errors } = fieldErrors;
  const set = <K extends keyof Brief>(field: K, value: Brief[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };
  return (
    <form
      noValidate
      aria-label="Brief"
      className="grid gap-4 sm:grid-cols-3"
      onSubmit={(event) => {
        event.preventDefault();
        const found: FieldErrors = {};
        const checked = studioBrief.safeParse(values);
        if (!checked.success)
          for (const [field, messages] of Object.entries(z.flattenError(checked.error).fieldErrors))
            if (Array.isArray(messages) && messages.length) found[field] = messages;
        fieldErrors.submitted(found);
        const first = Object.keys(found)[0];
        if (!first && checked.success) onSubmit(checked.data);
        else if (first) document.getElementById(`brief-${first}`)?.focus();
      }}
    >
      <TextField
        id="brief-topic"
        label="Topic"
        required
        autoComplete="off"
        placeholder="e.g. Our spring workshop opens for sign-ups"
        value={values.topic}
        onChange={(event) => set("topic", event.target.value)}
        error={errors.topic}
        className="sm:col-span-3"
      />
      <SelectField
        id="brief-tone"
        label="Tone"
        value={values.tone}
        onChange={(event) =>
          set("tone", studioTones.find((t) => t === event.target.value) ?? values.tone)
        }
        error={errors.tone}
      >
        {studioTones.map((tone) => (
          <option key={tone} value={tone}>
            {toneLabels[tone]}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="brief-platform"
        label="Platform"
        value={values.platform}
        onChange={(event) =>
          set("platform", studioPlatforms.find((p) => p === event.target.value) ?? values.platform)
        }
        error={errors.platform}
      >
        {studioPlatforms.map((platform) => (
          <option key={platform} value={platform}>
            {platformLabels[platform]}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="brief-length"
        label="Length"
        value={values.length}
        onChange={(event) =>
          set("length", studioLengths.find((l) => l === event.target.value) ?? values.length)
        }
        error={errors.length}
      >
        {studioLengths.map((length) => (
          <option key={length} value={length}>
            {lengthLabels[length]}
          </option>
        ))}
      </SelectField>
      <div className="sm:col-span-3">
        <Button type="submit" pending={pending} disabled={disabled}>
          Generate · 1 credit
        </Button>
      </div>
    </form>
  );
}
