import type { RouterOutputs } from "@guild/api";
import { MAX_SPACE_SLUG, spaceFields } from "@guild/api/schemas/space";
import {
  type SpaceType,
  type SpaceVisibility,
  spaceTypes,
  spaceVisibilities,
} from "@guild/db/enums";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { slugify } from "../organizations/use-organizations.ts";
import { TierCheckboxes } from "../tiers/tier-checkboxes.tsx";
import { spaceTypeLabels, visibilityLabels } from "./space-labels.ts";
import { useSpaceMutations } from "./use-spaces.ts";

type Space = RouterOutputs["space"]["get"];

const formFields = [
  "name",
  "slug",
  "description",
  "icon",
  "type",
  "visibility",
  "section",
  "tierIds",
];

/**
 * The admins' dialog to create a space (no `space`) or edit one: name and address, what it is,
 * who sees it, its sidebar group, and for a paid space the tiers that open it. A refusal the
 * plan's allowance caused offers the plans (ErrorAlert).
 */
export function SpaceFormDialog({
  open,
  space,
  onClose,
}: {
  open: boolean;
  space?: Space;
  onClose: () => void;
}) {
  return (
    <FormDialog open={open} title={space ? `Edit ${space.name}` : "New space"} onClose={onClose}>
      <SpaceForm space={space} onDone={onClose} />
    </FormDialog>
  );
}

function SpaceForm({ space, onDone }: { space: Space | undefined; onDone: () => void }) {
  const { slug: orgSlug } = useCurrentOrganization();
  const navigate = useNavigate();
  const { create, update, setTiers } = useSpaceMutations();
  const save = space ? update : create;
  const [name, setName] = useState(space?.name ?? "");
  const [slug, setSlug] = useState(space?.slug ?? "");
  const [slugEdited, setSlugEdited] = useState(space !== undefined);
  const [description, setDescription] = useState(space?.description ?? "");
  const [icon, setIcon] = useState(space?.icon ?? "");
  const [type, setType] = useState<SpaceType>(space?.type ?? "discussion");
  const [visibility, setVisibility] = useState<SpaceVisibility>(space?.visibility ?? "public");
  const [section, setSection] = useState(space?.section ?? "");
  const [tierIds, setTierIds] = useState<string[]>(space?.tiers.map((t) => t.id) ?? []);
  const failure = save.error ?? setTiers.error;
  const fieldErrors = useFieldErrors(failure);
  const { errors, serverErrors } = fieldErrors;
  const formError = failure && !formFields.some((f) => serverErrors[f]) ? failure : null;

  const changed = (field: string) => fieldErrors.changedField(field);

  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = spaceFields.safeParse({
          name,
          slug,
          description,
          icon,
          type,
          visibility,
          section,
        });
        if (!checked.success) {
          fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
          return;
        }
        fieldErrors.submitted({});
        const done = (saved: Space) => {
          toast.success(space ? `Saved ${saved.name}.` : `Created ${saved.name}.`);
          onDone();
          void navigate({
            to: "/o/$slug/s/$spaceSlug",
            params: { slug: orgSlug, spaceSlug: saved.slug },
          });
        };
        if (!space) {
          create.mutate({ ...checked.data, tierIds }, { onSuccess: done });
          return;
        }
        update.mutate(
          { ...checked.data, id: space.id },
          {
            onSuccess: (saved) => {
              if (saved.visibility !== "paid") return done(saved);
              setTiers.mutate({ spaceId: saved.id, tierIds }, { onSuccess: done });
            },
          },
        );
      }}
    >
      <TextField
        label="Name"
        autoComplete="off"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          changed("name");
          if (!slugEdited) {
            setSlug(slugify(e.target.value, MAX_SPACE_SLUG));
            changed("slug");
          }
        }}
        error={errors.name}
      />
      <TextField
        label="Address"
        autoComplete="off"
        hint={`/s/${slug || "…"}`}
        value={slug}
        onChange={(e) => {
          setSlug(e.target.value);
          setSlugEdited(true);
          changed("slug");
        }}
        error={errors.slug}
      />
      <TextareaField
        label="Description"
        className="sm:col-span-2"
        rows={2}
        value={description}
        onChange={(e) => {
          setDescription(e.target.value);
          changed("description");
        }}
        error={errors.description}
      />
      <TextField
        label="Icon (an emoji)"
        autoComplete="off"
        value={icon}
        onChange={(e) => {
          setIcon(e.target.value);
          changed("icon");
        }}
        error={errors.icon}
      />
      <TextField
        label="Sidebar group"
        autoComplete="off"
        hint="Empty: listed first, ungrouped"
        value={section}
        onChange={(e) => {
          setSection(e.target.value);
          changed("section");
        }}
        error={errors.section}
      />
      <SelectField
        label="Type"
        value={type}
        onChange={(e) => {
          const next = spaceTypes.find((t) => t === e.target.value);
          if (next) setType(next);
        }}
        error={errors.type}
      >
        {spaceTypes.map((t) => (
          <option key={t} value={t}>
            {spaceTypeLabels[t]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Who can see it"
        value={visibility}
        onChange={(e) => {
          const next = spaceVisibilities.find((v) => v === e.target.value);
          if (next) setVisibility(next);
        }}
        error={errors.visibility}
      >
        {spaceVisibilities.map((v) => (
          <option key={v} value={v}>
            {visibilityLabels[v]}
          </option>
        ))}
      </SelectField>
      {visibility === "paid" && (
        <TierCheckboxes
          className="sm:col-span-2"
          legend="Tiers that open it"
          hint="Members whose tier is one of these see the space."
          selected={tierIds}
          onChange={setTierIds}
          error={errors.tierIds}
        />
      )}
      {formError !== null && (
        <div className="sm:col-span-2">
          <ErrorAlert error={formError} />
        </div>
      )}
      <div className="flex flex-wrap justify-end gap-2 sm:col-span-2">
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={save.isPending || setTiers.isPending}>
          {space ? "Save space" : "Create space"}
        </Button>
      </div>
    </form>
  );
}
