import type { RouterOutputs } from "@guild/api";
import { updateCourseInput } from "@guild/api/schemas/learning";
import { type CourseAccess, courseAccesses, hasRole } from "@guild/db/enums";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Copy, Eye, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button, ButtonLink } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { DialogActions, FormDialog } from "../../components/form-dialog.tsx";
import { ErrorState, FormAlert, LoadingState, NotFound } from "../../components/states.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { TierCheckboxes } from "../tiers/tier-checkboxes.tsx";
import { accessLabels } from "./course-labels.ts";
import { CurriculumEditor } from "./curriculum-editor.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { useCourseForEditing, useCourseStudioMutations } from "./use-course-studio.ts";

export type CourseOutline = RouterOutputs["course"]["outline"];
type Course = CourseOutline["course"];

/**
 * The course editor (moderators and up): the course's fields and who may enroll, draft or
 * published, its modules and lessons in order, duplicate and delete. A course the person cannot
 * edit is "not found", as the API answers for one they cannot see.
 */
export function CourseEditorScreen({
  spaceSlug,
  courseId,
}: {
  spaceSlug: string;
  courseId: string;
}) {
  const { membership } = useCurrentOrganization();
  const author = hasRole(membership.role, "moderator");
  const outline = useCourseForEditing(courseId);
  const notFound = (
    <NotFound
      title="Course not found"
      description="There is no course at this address that you can edit."
    />
  );
  if (!author) return notFound;
  if (outline.isPending) return <LoadingState label="Loading the course…" />;
  if (outline.isError)
    return isNotFound(outline.error) ? (
      notFound
    ) : (
      <ErrorState error={outline.error} onRetry={() => void outline.refetch()} />
    );
  return <CourseEditor outline={outline.data} spaceSlug={spaceSlug} />;
}

function CourseEditor({ outline, spaceSlug }: { outline: CourseOutline; spaceSlug: string }) {
  const { slug, membership } = useCurrentOrganization();
  const navigate = useNavigate();
  const { course } = outline;
  const { setCourseStatus, removeCourse, refresh } = useCourseStudioMutations();
  const [removing, setRemoving] = useState(false);
  const [duplicating, setDuplicating] = useState(false);
  const published = course.status === "published";
  const lessonCount = outline.modules.reduce((n, m) => n + m.lessons.length, 0);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link
          to="/o/$slug/s/$spaceSlug"
          params={{ slug, spaceSlug }}
          className="underline-offset-2 hover:underline"
        >
          Back to the space
        </Link>
      </nav>
      <PageHeader
        title={course.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={course.status} />
            <span>
              {outline.modules.length} {outline.modules.length === 1 ? "module" : "modules"} ·{" "}
              {lessonCount} {lessonCount === 1 ? "lesson" : "lessons"}
            </span>
          </span>
        }
        actions={
          <>
            <ButtonLink
              variant="secondary"
              to="/o/$slug/s/$spaceSlug/courses/$courseId/edit/preview"
              params={{ slug, spaceSlug, courseId: course.id }}
            >
              <Eye aria-hidden="true" className="size-4" />
              Preview as member
            </ButtonLink>
            <Button
              variant={published ? "secondary" : "primary"}
              pending={setCourseStatus.isPending}
              onClick={() =>
                setCourseStatus.mutate(
                  { id: course.id, status: published ? "draft" : "published" },
                  {
                    onSuccess: (saved) =>
                      toast.success(
                        saved.status === "published"
                          ? `Published ${saved.title}: members see it now.`
                          : `${saved.title} is a draft again: members no longer see it.`,
                      ),
                  },
                )
              }
            >
              {published ? "Unpublish course" : "Publish course"}
            </Button>
            <Button variant="secondary" onClick={() => setDuplicating(true)}>
              <Copy aria-hidden="true" className="size-4" />
              Duplicate
            </Button>
            <Button variant="danger-ghost" onClick={() => setRemoving(true)}>
              <Trash2 aria-hidden="true" className="size-4" />
              Delete
            </Button>
          </>
        }
      />
      {!outline.canManage && (
        <FormAlert>This course's space is archived: its courses are read-only.</FormAlert>
      )}
      {setCourseStatus.error && <ErrorAlert error={setCourseStatus.error} />}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <CurriculumEditor outline={outline} spaceSlug={spaceSlug} />
        <div className="space-y-6">
          <CourseDetailsForm key={course.id} course={course} />
          {course.access === "grant" && hasRole(membership.role, "admin") && (
            <GrantForm course={course} />
          )}
        </div>
      </div>
      <DuplicateDialog
        open={duplicating}
        course={course}
        spaceSlug={spaceSlug}
        onClose={() => setDuplicating(false)}
      />
      <ConfirmDialog
        open={removing}
        title={`Delete ${course.title}?`}
        confirmLabel="Delete course"
        pending={removeCourse.isPending}
        error={removeCourse.error ? errorMessage(removeCourse.error) : null}
        onConfirm={() =>
          removeCourse.mutate(
            { id: course.id },
            {
              onSuccess: () => {
                setRemoving(false);
                toast.success(`Deleted ${course.title}.`);
                void navigate({ to: "/o/$slug/s/$spaceSlug", params: { slug, spaceSlug } }).then(
                  refresh,
                );
              },
            },
          )
        }
        onClose={() => setRemoving(false)}
      >
        <p>
          Its modules and lessons go with it, and so do its learners' enrollments and progress. This
          cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}

const detailFields = ["title", "slug", "description", "access", "tierIds"];

/** The course's own fields: title, address, description, and who may enroll. */
function CourseDetailsForm({ course }: { course: Course }) {
  const { updateCourse } = useCourseStudioMutations();
  const saved = {
    title: course.title,
    slug: course.slug,
    description: course.description,
    access: course.access,
    tierIds: course.tiers.map((t) => t.id),
  };
  const [values, setValues] = useState(saved);
  const fieldErrors = useFieldErrors(updateCourse.error);
  const { errors, serverErrors } = fieldErrors;
  const formError =
    updateCourse.error && !detailFields.some((f) => serverErrors[f]) ? updateCourse.error : null;
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };
  return (
    <Card title="Course details">
      <UnsavedChangesGuard dirty={dirty} />
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = updateCourseInput.safeParse({ ...values, id: course.id });
          if (!checked.success) {
            fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
            return;
          }
          fieldErrors.submitted({});
          updateCourse.mutate(checked.data, {
            onSuccess: (next) => {
              setValues({
                title: next.title,
                slug: next.slug,
                description: next.description,
                access: next.access,
                tierIds: next.tiers.map((t) => t.id),
              });
              toast.success(`Saved ${next.title}.`);
            },
          });
        }}
      >
        <TextField
          label="Title"
          autoComplete="off"
          value={values.title}
          onChange={(e) => set("title", e.target.value)}
          error={errors.title}
        />
        <TextField
          label="Address"
          autoComplete="off"
          hint="Lowercase letters, digits and dashes; unique in the organization"
          value={values.slug}
          onChange={(e) => set("slug", e.target.value)}
          error={errors.slug}
        />
        <TextareaField
          label="Description"
          rows={4}
          value={values.description}
          onChange={(e) => set("description", e.target.value)}
          error={errors.description}
        />
        <SelectField
          label="Who can enroll"
          value={values.access}
          onChange={(e) => {
            const next = courseAccesses.find((a): a is CourseAccess => a === e.target.value);
            if (next) set("access", next);
          }}
          error={errors.access}
        >
          {courseAccesses.map((access) => (
            <option key={access} value={access}>
              {accessLabels[access]}
            </option>
          ))}
        </SelectField>
        {values.access === "tier" && (
          <TierCheckboxes
            legend="Tiers that open it"
            hint="Members whose tier is one of these may enroll."
            selected={values.tierIds}
            onChange={(tierIds) => set("tierIds", tierIds)}
            error={errors.tierIds}
          />
        )}
        {values.access === "grant" && (
          <p className="text-sm text-muted-foreground">
            Admins open the course to each learner below once it is saved.
          </p>
        )}
        {formError !== null && <ErrorAlert error={formError} />}
        <div className="flex justify-end">
          <Button type="submit" pending={updateCourse.isPending} disabled={!dirty}>
            Save details
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** Admins open a course "by admin grant" to one member at a time. */
function GrantForm({ course }: { course: Course }) {
  const trpc = useOrgTRPC();
  const { grant, revokeGrant } = useCourseStudioMutations();
  const members = useQuery(trpc.member.list.queryOptions({ limit: 100 }));
  const grants = useQuery(trpc.course.grants.queryOptions({ id: course.id }));
  const [memberId, setMemberId] = useState("");
  const granted = new Set(grants.data?.map((g) => g.memberId));
  const failure = grant.error ?? revokeGrant.error ?? members.error ?? grants.error;
  return (
    <Card
      title="Grant access"
      description="Members you grant the course to may enroll in it; nobody else can."
    >
      {grants.isPending ? (
        <p className="text-sm text-muted-foreground">Loading who has it…</p>
      ) : grants.data?.length === 0 ? (
        <p className="mb-4 text-sm text-muted-foreground">
          Nobody has been granted this course yet.
        </p>
      ) : (
        <ul aria-label="Granted to" className="mb-4 divide-y divide-border">
          {grants.data?.map((g) => (
            <li key={g.memberId} className="flex items-center justify-between gap-2 py-2 text-sm">
              <span className="min-w-0 truncate font-medium text-foreground">{g.name}</span>
              <Button
                size="sm"
                variant="danger-ghost"
                aria-label={`Revoke ${g.name}'s grant`}
                pending={revokeGrant.isPending && revokeGrant.variables?.memberId === g.memberId}
                onClick={() =>
                  revokeGrant.mutate(
                    { courseId: course.id, memberId: g.memberId },
                    {
                      onSuccess: () =>
                        toast.success(`${g.name} can no longer open ${course.title}.`),
                    },
                  )
                }
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (!memberId) return;
          const name = members.data?.items.find((m) => m.id === memberId)?.name ?? "The member";
          grant.mutate(
            { courseId: course.id, memberId },
            {
              onSuccess: () => {
                setMemberId("");
                toast.success(`${name} may now enroll in ${course.title}.`);
              },
            },
          );
        }}
      >
        <SelectField
          label="Member"
          className="min-w-0 flex-1"
          value={memberId}
          onChange={(e) => setMemberId(e.target.value)}
        >
          <option value="">{members.isPending ? "Loading members…" : "Choose a member…"}</option>
          {members.data?.items
            .filter((m) => !granted.has(m.id))
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
        </SelectField>
        <Button type="submit" disabled={!memberId} pending={grant.isPending}>
          Grant
        </Button>
      </form>
      {failure && (
        <div className="mt-3">
          <ErrorAlert error={failure} />
        </div>
      )}
    </Card>
  );
}

/** A draft copy of the course (modules, lessons and prerequisites) under a new title and address. */
function DuplicateDialog({
  open,
  course,
  spaceSlug,
  onClose,
}: {
  open: boolean;
  course: Course;
  spaceSlug: string;
  onClose: () => void;
}) {
  return (
    <FormDialog open={open} title={`Duplicate ${course.title}`} onClose={onClose}>
      <DuplicateForm course={course} spaceSlug={spaceSlug} onDone={onClose} />
    </FormDialog>
  );
}

function DuplicateForm({
  course,
  spaceSlug,
  onDone,
}: {
  course: Course;
  spaceSlug: string;
  onDone: () => void;
}) {
  const { slug: orgSlug } = useCurrentOrganization();
  const navigate = useNavigate();
  const { duplicateCourse } = useCourseStudioMutations();
  const [title, setTitle] = useState(`Copy of ${course.title}`.slice(0, 120));
  const [slug, setSlug] = useState(`${course.slug}-copy`.slice(0, 60));
  const fieldErrors = useFieldErrors(duplicateCourse.error);
  const { errors, serverErrors } = fieldErrors;
  const formError =
    duplicateCourse.error && !serverErrors.title && !serverErrors.slug
      ? duplicateCourse.error
      : null;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim()) {
          fieldErrors.submitted({ title: ["Give the course a title"] });
          return;
        }
        fieldErrors.submitted({});
        duplicateCourse.mutate(
          { id: course.id, title, slug },
          {
            onSuccess: (copy) => {
              toast.success(`Created ${copy.title}, a draft.`);
              onDone();
              void navigate({
                to: "/o/$slug/s/$spaceSlug/courses/$courseId/edit",
                params: { slug: orgSlug, spaceSlug, courseId: copy.id },
              });
            },
          },
        );
      }}
    >
      <p className="text-sm text-muted-foreground">
        The copy has the same modules, lessons and prerequisites, as a draft; no learners.
      </p>
      <TextField
        label="Title"
        autoComplete="off"
        value={title}
        onChange={(e) => {
          setTitle(e.target.value);
          fieldErrors.changedField("title");
        }}
        error={errors.title}
      />
      <TextField
        label="Address"
        autoComplete="off"
        value={slug}
        onChange={(e) => {
          setSlug(e.target.value);
          fieldErrors.changedField("slug");
        }}
        error={errors.slug}
      />
      {formError !== null && <ErrorAlert error={formError} />}
      <DialogActions
        pending={duplicateCourse.isPending}
        submitLabel="Duplicate"
        onCancel={onDone}
      />
    </form>
  );
}
