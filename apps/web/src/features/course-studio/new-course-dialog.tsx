import { createCourseInput } from "@guild/api/schemas/learning";
import { COURSE_SLUG_MAX } from "@guild/db/enums";
import { useNavigate } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { useModalDialog } from "../../components/confirm-dialog.tsx";
import { TextareaField, TextField } from "../../components/field.tsx";
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
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" className="size-4" />
        New course
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto max-h-[90dvh] w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-lg bg-surface p-0 shadow-xl"
      >
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-foreground">
            New course
          </h2>
          {open && <NewCourseForm space={space} onDone={() => setOpen(false)} />}
        </div>
      </dialog>
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
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={createCourse.isPending}>
          Create course
        </Button>
      </div>
    </form>
  );
}
