import {
  BIO_MAX,
  DISPLAY_NAME_MAX,
  HEADLINE_MAX,
  profileLanguages,
  type UpdateProfileInput,
  USERNAME_MAX,
  updateProfileInput,
} from "@guild/api/schemas/profile";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { useUnsavedChanges } from "../../components/unsaved-changes.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { type MemberProfile, useUpdateProfile } from "./use-profiles.ts";

interface FormValues {
  displayName: string;
  username: string;
  headline: string;
  bio: string;
  timeZone: string;
  language: string;
}

const languageNames = new Intl.DisplayNames(undefined, { type: "language" });
const timeZones = Intl.supportedValuesOf("timeZone");

function valuesOf(profile: MemberProfile): FormValues {
  return {
    displayName: profile.displayName,
    username: profile.username,
    headline: profile.headline,
    bio: profile.bio,
    timeZone: profile.timeZone ?? "",
    language: profile.language ?? "",
  };
}

/**
 * The member's own profile. Checked with the procedure's own schema before sending; the server's
 * refusals (a username someone else took meanwhile) show next to the same fields.
 */
export function ProfileForm({
  profile,
  onDone,
}: {
  profile: MemberProfile;
  onDone: (saved: MemberProfile) => void;
}) {
  const update = useUpdateProfile();
  const [initial] = useState(() => valuesOf(profile));
  const [values, setValues] = useState(initial);
  const fieldErrors = useFieldErrors(update.error);
  const { errors } = fieldErrors;
  const shownByFields = Object.keys(fieldErrors.serverErrors).some((field) => field in values);
  const formLevelError =
    update.error && !shownByFields && !fieldErrors.checkFailed ? errorMessage(update.error) : null;
  const id = (field: keyof FormValues) => `profile-${field}`;
  const set = (field: keyof FormValues) => (event: { target: { value: string } }) => {
    const { value } = event.target;
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };

  const guard = useUnsavedChanges(JSON.stringify(values) !== JSON.stringify(initial));

  return (
    <>
      {guard.dialog}
      <form
        noValidate
        aria-label="Edit profile"
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const input: UpdateProfileInput = {
            ...values,
            timeZone: values.timeZone || null,
            language: profileLanguages.find((l) => l === values.language) ?? null,
          };
          const found: FieldErrors = {};
          const checked = updateProfileInput.safeParse(input);
          if (!checked.success)
            for (const [field, messages] of Object.entries(
              z.flattenError(checked.error).fieldErrors,
            ))
              if (messages?.length) found[field] = messages;
          fieldErrors.submitted(found);
          const first = Object.keys(found)[0];
          if (first) {
            document.getElementById(`profile-${first}`)?.focus();
            return;
          }
          update.mutate(input, {
            onSuccess: (saved) => {
              toast.success("Profile saved.");
              // Saved: a new username moves the page to its new address, which the guard
              // would otherwise hold up as leaving unsaved changes.
              guard.release();
              onDone(saved);
            },
          });
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id={id("displayName")}
            label="Display name"
            autoComplete="name"
            required
            maxLength={DISPLAY_NAME_MAX}
            value={values.displayName}
            onChange={set("displayName")}
            error={errors.displayName}
          />
          <TextField
            id={id("username")}
            label="Username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={USERNAME_MAX + 1}
            hint="People mention you with @username: 3 to 30 letters, digits or underscores."
            value={values.username}
            onChange={set("username")}
            error={errors.username}
          />
        </div>
        <TextField
          id={id("headline")}
          label="Headline"
          maxLength={HEADLINE_MAX}
          hint="One line under your name, e.g. what you do."
          value={values.headline}
          onChange={set("headline")}
          error={errors.headline}
        />
        <TextareaField
          id={id("bio")}
          label="Bio"
          rows={6}
          maxLength={BIO_MAX}
          hint="Markdown: **bold**, _italic_, [links](https://example.com), lists."
          value={values.bio}
          onChange={set("bio")}
          error={errors.bio}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id={id("timeZone")}
            label="Time zone"
            value={values.timeZone}
            onChange={set("timeZone")}
            error={errors.timeZone}
          >
            <option value="">Not set</option>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={id("language")}
            label="Preferred language"
            value={values.language}
            onChange={set("language")}
            error={errors.language}
          >
            <option value="">Not set</option>
            {profileLanguages.map((language) => (
              <option key={language} value={language}>
                {languageNames.of(language) ?? language}
              </option>
            ))}
          </SelectField>
        </div>
        {formLevelError && <FormAlert>{formLevelError}</FormAlert>}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={update.isPending}>
            Save profile
          </Button>
          <Button type="button" variant="secondary" onClick={() => onDone(profile)}>
            Cancel
          </Button>
        </div>
      </form>
    </>
  );
}
