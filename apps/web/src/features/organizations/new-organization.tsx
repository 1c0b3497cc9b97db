import { createOrganizationInput } from "@guild/api/schemas/organization";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { useUnsavedChanges } from "../../components/unsaved-changes.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { roleLabel } from "../members/role-label.ts";
import { SlugField } from "./slug-field.tsx";
import { slugify, useCreateOrganization, useMyInvitations } from "./use-organizations.ts";

export function NewOrganization() {
  const navigate = useNavigate();
  const create = useCreateOrganization();
  const invitations = useMyInvitations();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  // The slug follows the name until the person edits it themselves.
  const [slugEdited, setSlugEdited] = useState(false);
  const fieldErrors = useFieldErrors(create.error);
  const { errors, serverErrors } = fieldErrors;
  const formError =
    create.error && !serverErrors.name && !serverErrors.slug ? errorMessage(create.error) : null;
  const unsaved = useUnsavedChanges(name.trim() !== "" || slug.trim() !== "");

  return (
    <main id="main" className="mx-auto w-full max-w-xl flex-1 px-3 py-8 sm:px-6">
      <PageHeader
        title="Create an organization"
        description="An organization holds your team, its leads and its pipeline."
      />
      {invitations.data && invitations.data.length > 0 && (
        <div className="mb-6 rounded-lg border border-accent-border bg-accent p-4">
          <h2 className="text-sm font-semibold text-accent-foreground">You have been invited</h2>
          <ul className="mt-2 space-y-1 text-sm wrap-anywhere">
            {invitations.data.map((invitation) => (
              <li key={invitation.id}>
                <Link
                  to="/invitations/$invitationId"
                  params={{ invitationId: invitation.id }}
                  className="font-medium text-accent-foreground underline-offset-2 hover:underline"
                >
                  Join {invitation.organizationName} as {roleLabel(invitation.role).toLowerCase()}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {unsaved.dialog}
      <Card>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const checked = createOrganizationInput.safeParse({ name, slug });
            if (!checked.success) {
              fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
              return;
            }
            fieldErrors.submitted({});
            create.mutate(checked.data, {
              onSuccess: (organization) => {
                unsaved.release();
                void navigate({ to: "/o/$slug", params: { slug: organization.slug } });
              },
            });
          }}
        >
          <TextField
            label="Organization name"
            autoComplete="organization"
            required
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              fieldErrors.changedField("name");
              if (!slugEdited) {
                setSlug(slugify(e.target.value));
                fieldErrors.changedField("slug");
              }
            }}
            error={errors.name}
          />
          <SlugField
            value={slug}
            onChange={(value) => {
              setSlug(value);
              setSlugEdited(value !== "");
              fieldErrors.changedField("slug");
            }}
            error={errors.slug}
          />
          {formError && <FormAlert>{formError}</FormAlert>}
          <Button type="submit" pending={create.isPending}>
            Create organization
          </Button>
        </form>
      </Card>
    </main>
  );
}
