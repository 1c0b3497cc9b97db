import { createCourseInput } from "@guild/api/schemas/learning";
import { COURSE_SLUG_MAX } from "@guild/db/enums";
import { useNavigate } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { TextareaField, TextField } from "../../components/field.tsx";
import { DialogActions, FormDialog } from "../../components/form-dialog.tsx";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { slugify } from "../organizations/use-organizations.ts";
import { useCourseStudioMutations } from "./use-course-studio.ts";

const formFields = ["title", "slug", "description"];

/**
 * "New course" for moderators and up in a course space: a title (the address follows it until
 * edited) and a description make a free draft, and the editor opens on it.
 */
export function NewCourseButton({ space }: { space: { id: string; slug: string } }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" className="size-4" />
        New course
      </Button>
      <FormDialog open={open} title="New course" onClose={() => setOpen(false)}>
        <NewCourseForm space={space} onDone={() => setOpen(false)} />
      </FormDialog>
    </>
  );
}

function NewCourseForm({
  space,
  onDone,
}: {
  space: { id: string; slug: string };
  onDone: () => void;
}) {
  const { slug: orgSlug } = useCurrentOrganization();
  const navigate = useNavigate();
  const { createCourse } = useCourseStudioMutations();
  const [title, setTitle] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [description, setDescription] = useState("");
  const fieldErrors = useFieldErrors(createCourse.error);
  const { errors, serverErrors } = fieldErrors;
  const formError =
    createCourse.error && !formFields.some((f) => serverErrors[f]) ? createCourse.error : null;

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = createCourseInput.safeParse({
          spaceId: space.id,
          title,
          slug,
          description,
          access: "free",
          tierIds: [],
        });
        if (!checked.success) {
          fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
          return;
        }
        fieldErrors.submitted({});
        createCourse.mutate(checked.data, {
          onSuccess: (course) => {
            toast.success(`Created ${course.title}.`);
            onDone();
            void navigate({
              to: "/o/$slug/s/$spaceSlug/courses/$courseId/edit",
              params: { slug: orgSlug, spaceSlug: space.slug, courseId: course.id },
            });
          },
        });
      }}
    >
      <TextField
        label="Title"
        autoComplete="off"
        value={title}
        onChange={(e) => {
          setTitle(e.target.value);
          fieldErrors.changedField("title");
          if (!slugEdited) {
            setSlug(slugify(e.target.value, COURSE_SLUG_MAX));
            fieldErrors.changedField("slug");
          }
        }}
        error={errors.title}
      />
      <TextField
        label="Address"
        autoComplete="off"
        hint="Lowercase letters, digits and dashes; unique in the organization"
        value={slug}
        onChange={(e) => {
          setSlug(e.target.value);
          setSlugEdited(true);
          fieldErrors.changedField("slug");
        }}
        error={errors.slug}
      />
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
      <p className="text-sm text-muted-foreground">
        The course starts as a draft: members see it once you publish it.
      </p>
      {formError !== null && <ErrorAlert error={formError} />}
      <DialogActions
        pending={createCourse.isPending}
        submitLabel="Create course"
        onCancel={onDone}
      />
    </form>
  );
}
