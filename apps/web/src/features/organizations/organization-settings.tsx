import { can } from "@guild/api/policies/organization";
import { updateOrganizationInput } from "@guild/api/schemas/organization";
import { useNavigate, useRouter } from "@tanstack/react-router";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { useUnsavedChanges } from "../../components/unsaved-changes.tsx";
import { errorMessage, serverFieldErrors } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { AssistantSettingsCard } from "../assistant/assistant-settings.tsx";
import { roleLabel } from "../members/role-label.ts";
import { noticeAfterNavigation } from "../shell/navigation-notice.tsx";
import { useCurrentOrganization } from "./current-organization.tsx";
import { FrontDoorSettings } from "./front-door-settings.tsx";
import { SlugField } from "./slug-field.tsx";
import {
  useForgetOrganization,
  useRemoveOrganization,
  useUpdateOrganization,
} from "./use-organizations.ts";

export function OrganizationSettings() {
  const organization = useCurrentOrganization();
  const role = organization.membership.role;
  return (
    <>
      <PageHeader title="Settings" description={`How ${organization.name} is named and found.`} />
      <div className="max-w-2xl space-y-6">
        {can(organization.membership, "update") ? (
          <GeneralSettings />
        ) : (
          <Card title="Organization">
            <dl className="grid gap-4 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-muted-foreground">Name</dt>
                <dd className="font-medium wrap-anywhere text-foreground">{organization.name}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Address</dt>
                <dd className="font-medium text-foreground">/o/{organization.slug}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Created</dt>
                <dd className="text-foreground">{formatDate(organization.createdAt)}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Your role</dt>
                <dd className="text-foreground">{roleLabel(role)}</dd>
              </div>
            </dl>
            <p className="mt-4 text-sm text-muted-foreground">
              Only admins and owners can change these settings.
            </p>
          </Card>
        )}
        {can(organization.membership, "update") && <FrontDoorSettings />}
        {can(organization.membership, "update") && <AssistantSettingsCard />}
        {can(organization.membership, "remove") && <DeleteOrganization />}
      </div>
    </>
  );
}

function GeneralSettings() {
  const organization = useCurrentOrganization();
  const navigate = useNavigate();
  const router = useRouter();
  const update = useUpdateOrganization();
  const [name, setName] = useState(organization.name);
  const [slug, setSlug] = useState(organization.slug);
  const fieldErrors = useFieldErrors(update.error);
  const { errors, serverErrors } = fieldErrors;
  const formError =
    update.error && !serverErrors.name && !serverErrors.slug ? errorMessage(update.error) : null;
  const changes = {
    ...(name.trim() !== organization.name ? { name } : {}),
    ...(slug.trim().toLowerCase() !== organization.slug ? { slug } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const unsaved = useUnsavedChanges(dirty);

  return (
    <Card title="Organization">
      {unsaved.dialog}
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
            onSuccess: (updated) => {
              // Saved, though the form still differs from the organization it shows until that
              // is read again (or, for a new slug, until the move): nothing to ask about meanwhile.
              unsaved.release();
              setName(updated.name);
              setSlug(updated.slug);
              // A new slug is a new address: move there (the old one no longer exists). This form
              // is mounted again there, so the next page says it was saved.
              if (updated.slug !== organization.slug) {
                noticeAfterNavigation(
                  `Saved. The organization's address is now /o/${updated.slug}.`,
                );
                void navigate({
                  to: "/o/$slug/settings",
                  params: { slug: updated.slug },
                  replace: true,
                });
              }
              // The tab's title names the organization: route heads read it again on a reload.
              else {
                toast.success("Settings saved.");
                void router.invalidate();
              }
            },
          });
        }}
      >
        <TextField
          label="Organization name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            fieldErrors.changedField("name");
          }}
          error={errors.name}
        />
        <SlugField
          value={slug}
          onChange={(value) => {
            setSlug(value);
            fieldErrors.changedField("slug");
          }}
          error={errors.slug}
          currentSlug={organization.slug}
        />
        {slug.trim().toLowerCase() !== organization.slug && (
          <p className="text-sm text-warning">
            Changing the slug changes every link to this organization. Old links stop working.
          </p>
        )}
        {formError && <FormAlert>{formError}</FormAlert>}
        <Button type="submit" pending={update.isPending} disabled={!dirty}>
          Save changes
        </Button>
      </form>
    </Card>
  );
}

function DeleteOrganization() {
  const organization = useCurrentOrganization();
  const navigate = useNavigate();
  const remove = useRemoveOrganization();
  const forget = useForgetOrganization();
  const [confirmName, setConfirmName] = useState("");
  const matches = confirmName.trim() === organization.name;
  const fieldError = serverFieldErrors(remove.error).confirmName;

  return (
    <Card
      title="Delete organization"
      tone="danger"
      description="Deletes the organization, its members' access, invitations and every lead. This cannot be undone."
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!matches) return;
          remove.mutate(
            { confirmName },
            {
              onSuccess: async () => {
                noticeAfterNavigation(`Deleted ${organization.name}.`);
                await navigate({ to: "/", replace: true });
                forget(organization.slug);
              },
            },
          );
        }}
      >
        <TextField
          label={
            <>
              Type <strong className="font-semibold wrap-anywhere">{organization.name}</strong> to
              confirm
            </>
          }
          autoComplete="off"
          value={confirmName}
          onChange={(e) => setConfirmName(e.target.value)}
          error={fieldError}
        />
        {remove.error && !fieldError && <FormAlert>{errorMessage(remove.error)}</FormAlert>}
        <Button type="submit" variant="danger" disabled={!matches} pending={remove.isPending}>
          Delete organization
        </Button>
      </form>
    </Card>
  );
}
