import { updateOrganizationInput } from "@guild/api/schemas/organization";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { useUnsavedChanges } from "../../components/unsaved-changes.tsx";
import { accentVariables } from "../../lib/accent.ts";
import { errorMessage } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { FileUpload } from "../files/file-upload.tsx";
import type { UploadFields } from "../files/use-upload.ts";
import { useCurrentOrganization } from "./current-organization.tsx";
import { useUpdateOrganization } from "./use-organizations.ts";

const timeZones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];

const joinPolicyLabels = {
  open: "Anyone: people join from the public page",
  approval: "Anyone an admin approves: requests wait in Join requests",
  invitation: "Invitation only: the public page has no join button",
} as const;

/**
 * The organization's look and front door (admins): logo, accent colour, description, time zone,
 * who may join, and whether the public page shows recent posts of public spaces.
 */
export function FrontDoorSettings() {
  const organization = useCurrentOrganization();
  const update = useUpdateOrganization();
  const [description, setDescription] = useState(organization.description);
  const [accentColor, setAccentColor] = useState(organization.accentColor ?? "");
  const [timeZone, setTimeZone] = useState(organization.timeZone);
  const [joinPolicy, setJoinPolicy] = useState(organization.joinPolicy);
  const [showPublicPosts, setShowPublicPosts] = useState(organization.showPublicPosts);
  const fieldErrors = useFieldErrors(update.error);
  const { errors, serverErrors } = fieldErrors;
  const fields = ["description", "accentColor", "timeZone", "joinPolicy"] as const;
  const formError =
    update.error && !fields.some((f) => serverErrors[f]) ? errorMessage(update.error) : null;
  const accent = accentColor.trim() === "" ? null : accentColor.trim().toLowerCase();
  const changes = {
    ...(description !== organization.description ? { description } : {}),
    ...(accent !== organization.accentColor ? { accentColor: accent } : {}),
    ...(timeZone !== organization.timeZone ? { timeZone } : {}),
    ...(joinPolicy !== organization.joinPolicy ? { joinPolicy } : {}),
    ...(showPublicPosts !== organization.showPublicPosts ? { showPublicPosts } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const unsaved = useUnsavedChanges(dirty);

  return (
    <Card
      title="Public page and joining"
      description={
        <>
          What{" "}
          <Link
            to="/c/$slug"
            params={{ slug: organization.slug }}
            search={{ join: undefined, interval: undefined, checkout: undefined }}
            className="font-medium text-accent-foreground underline-offset-4 hover:underline"
          >
            /c/{organization.slug}
          </Link>{" "}
          shows to anyone, and who may join from it.
        </>
      }
    >
      {unsaved.dialog}
      <div className="space-y-4">
        <OrganizationLogo />
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const checked = updateOrganizationInput.safeParse(changes);
            if (!checked.success) {
              fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
              return;
            }
            fieldErrors.submitted({});
            update.mutate(checked.data, {
              onSuccess: () => {
                unsaved.release();
                toast.success("Settings saved.");
              },
            });
          }}
        >
          <TextareaField
            label="Description"
            rows={3}
            value={description}
            onChange={(e) => {
              setDescription(e.target.value);
              fieldErrors.changedField("description");
            }}
            error={errors.description}
          />
          <div className="flex items-end gap-3">
            <TextField
              label="Accent colour"
              hint="# and six hex digits, e.g. #0f766e; empty for Guild's own"
              value={accentColor}
              onChange={(e) => {
                setAccentColor(e.target.value);
                fieldErrors.changedField("accentColor");
              }}
              error={errors.accentColor}
              className="flex-1"
            />
            <span
              aria-hidden="true"
              style={accentVariables(accent)}
              className="mb-1 flex h-10 items-center rounded-md border border-border bg-[var(--org-accent,var(--color-muted))] px-3 text-sm text-[var(--org-accent-foreground,var(--color-foreground))]"
            >
              Aa
            </span>
          </div>
          <SelectField
            label="Time zone"
            value={timeZone}
            onChange={(e) => {
              setTimeZone(e.target.value);
              fieldErrors.changedField("timeZone");
            }}
            error={errors.timeZone}
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Who may join"
            value={joinPolicy}
            onChange={(e) => {
              const value = e.target.value;
              if (value === "open" || value === "approval" || value === "invitation")
                setJoinPolicy(value);
              fieldErrors.changedField("joinPolicy");
            }}
            error={errors.joinPolicy}
          >
            {(["open", "approval", "invitation"] as const).map((policy) => (
              <option key={policy} value={policy}>
                {joinPolicyLabels[policy]}
              </option>
            ))}
          </SelectField>
          <label className="flex items-center gap-2 text-sm text-foreground">
            <input
              type="checkbox"
              checked={showPublicPosts}
              onChange={(e) => setShowPublicPosts(e.target.checked)}
            />
            Show recent posts of public spaces on the public page
          </label>
          {formError && <FormAlert>{formError}</FormAlert>}
          <Button type="submit" pending={update.isPending} disabled={!dirty}>
            Save public page
          </Button>
        </form>
      </div>
    </Card>
  );
}

function OrganizationLogo() {
  const organization = useCurrentOrganization();
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const refresh = useCallback(
    () => queryClient.invalidateQueries(trpc.organization.current.pathFilter()),
    [queryClient, trpc],
  );
  const startUpload = useMutation(trpc.organization.startLogoUpload.mutationOptions());
  const remove = useMutation(trpc.organization.removeLogo.mutationOptions({ onSuccess: refresh }));
  const start = useCallback(
    (file: UploadFields) => startUpload.mutateAsync(file),
    [startUpload.mutateAsync],
  );
  return (
    <div className="flex flex-wrap items-start gap-4">
      {organization.logoUrl ? (
        <img src={organization.logoUrl} alt="Logo" className="size-16 rounded-lg object-cover" />
      ) : (
        <span className="flex size-16 items-center justify-center rounded-lg bg-muted text-xs text-muted-foreground">
          No logo
        </span>
      )}
      <div className="min-w-0 flex-1 space-y-3">
        <FileUpload
          purpose="logo"
          label={organization.logoUrl ? "Change logo" : "Upload a logo"}
          start={start}
          onUploaded={refresh}
        />
        {organization.logoUrl && (
          <Button
            variant="danger-ghost"
            size="sm"
            pending={remove.isPending}
            onClick={() => remove.mutate()}
          >
            Remove logo
          </Button>
        )}
        {remove.error && <FormAlert>{errorMessage(remove.error)}</FormAlert>}
      </div>
    </div>
  );
}
