import { useNavigate } from "@tanstack/react-router";
import { ArrowDown, ArrowUp, GripVertical, HelpCircle, Pencil, Plus, Trash2 } from "lucide-react";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { Button, ButtonLink } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { TextField } from "../../components/field.tsx";
import { EmptyState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import type { CourseOutline } from "./course-editor.tsx";
import { difficultyLabels } from "./course-labels.ts";
import { StatusBadge } from "./status-badge.tsx";
import { useCourseStudioMutations } from "./use-course-studio.ts";
import { useReorder } from "./use-reorder.ts";

type Module = CourseOutline["modules"][number];
type Lesson = Module["lessons"][number];

function MoveButtons({
  id,
  name,
  index,
  count,
  onMove,
}: {
  id: string;
  name: string;
  index: number;
  count: number;
  onMove: (direction: -1 | 1) => void;
}) {
  return (
    <span className="flex shrink-0">
      <Button
        size="sm"
        variant="ghost"
        data-focus-key={`up:${id}`}
        aria-label={`Move ${name} up`}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        <ArrowUp aria-hidden="true" className="size-4" />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        data-focus-key={`down:${id}`}
        aria-label={`Move ${name} down`}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        <ArrowDown aria-hidden="true" className="size-4" />
      </Button>
    </span>
  );
}

/**
 * The course's modules and their lessons in order: drag a row to its place or use its arrow
 * buttons (saved at once), rename or delete a module, add modules and lessons. A new lesson
 * opens in the lesson editor.
 */
export function CurriculumEditor({
  outline,
  spaceSlug,
}: {
  outline: CourseOutline;
  spaceSlug: string;
}) {
  const { reorderModules } = useCourseStudioMutations();
  const byId = new Map(outline.modules.map((m) => [m.id, m]));
  const modules = useReorder({
    ids: outline.modules.map((m) => m.id),
    nameOf: (id) => byId.get(id)?.title ?? "Module",
    save: (ids, settled) =>
      reorderModules.mutate({ courseId: outline.course.id, ids }, { onSettled: settled }),
  });
  return (
    <Card
      title="Modules and lessons"
      description="Drag a module or a lesson to its place, or use its arrow buttons."
    >
      <div className="space-y-4">
        {outline.modules.length === 0 ? (
          <EmptyState title="No modules yet">
            A course is modules of lessons, in order. Add the first module below.
          </EmptyState>
        ) : (
          <ol ref={modules.list} aria-label="Modules" className="space-y-4">
            {modules.order.map((id, index) => {
              const module = byId.get(id);
              if (!module) return null;
              return (
                <li
                  key={id}
                  {...modules.dropProps(id)}
                  className={`rounded-md border border-border ${modules.dragged === id ? "opacity-50" : ""}`}
                >
                  <ModuleSection
                    module={module}
                    dragHandle={modules.dragProps(id)}
                    outline={outline}
                    spaceSlug={spaceSlug}
                    moveButtons={
                      <MoveButtons
                        id={id}
                        name={module.title}
                        index={index}
                        count={modules.order.length}
                        onMove={(direction) => modules.move(id, direction)}
                      />
                    }
                  />
                </li>
              );
            })}
          </ol>
        )}
        <p aria-live="polite" className="sr-only">
          {modules.announcement}
        </p>
        {reorderModules.error && <ErrorAlert error={reorderModules.error} />}
        <AddModuleForm courseId={outline.course.id} />
      </div>
    </Card>
  );
}

function ModuleSection({
  module,
  outline,
  spaceSlug,
  moveButtons,
  dragHandle,
}: {
  module: Module;
  dragHandle: ReturnType<ReturnType<typeof useReorder>["dragProps"]>;
  outline: CourseOutline;
  spaceSlug: string;
  moveButtons: ReactNode;
}) {
  const { slug } = useCurrentOrganization();
  const { reorderLessons, removeModule, setLessonStatus } = useCourseStudioMutations();
  const [renaming, setRenaming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const byId = new Map(module.lessons.map((l) => [l.id, l]));
  const lessons = useReorder({
    ids: module.lessons.map((l) => l.id),
    nameOf: (id) => byId.get(id)?.title ?? "Lesson",
    save: (ids, settled) =>
      reorderLessons.mutate({ moduleId: module.id, ids }, { onSettled: settled }),
  });
  return (
    <section aria-label={`Module ${module.title}`}>
      <div
        {...(renaming ? {} : dragHandle)}
        className="flex cursor-grab items-center gap-2 border-b border-border px-2 py-2"
      >
        <GripVertical aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
        {renaming ? (
          <RenameModuleForm module={module} onDone={() => setRenaming(false)} />
        ) : (
          <>
            <h3 className="min-w-0 flex-1 font-semibold wrap-anywhere text-foreground">
              {module.title}
            </h3>
            {moveButtons}
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Rename ${module.title}`}
              onClick={() => setRenaming(true)}
            >
              <Pencil aria-hidden="true" className="size-4" />
            </Button>
            <Button
              size="sm"
              variant="danger-ghost"
              aria-label={`Delete ${module.title}`}
              onClick={() => setRemoving(true)}
            >
              <Trash2 aria-hidden="true" className="size-4" />
            </Button>
          </>
        )}
      </div>
      <div className="space-y-2 p-2">
        {module.lessons.length === 0 ? (
          <p className="px-2 py-1 text-sm text-muted-foreground">No lessons in this module yet.</p>
        ) : (
          <ol ref={lessons.list} aria-label={`Lessons in ${module.title}`} className="space-y-1">
            {lessons.order.map((id, index) => {
              const lesson = byId.get(id);
              if (!lesson) return null;
              return (
                <li
                  key={id}
                  {...lessons.dragProps(id)}
                  {...lessons.dropProps(id)}
                  className={`flex cursor-grab flex-wrap items-center gap-2 rounded-md bg-muted/50 px-2 py-1.5 text-sm ${lessons.dragged === id ? "opacity-50" : ""}`}
                >
                  <GripVertical
                    aria-hidden="true"
                    className="size-4 shrink-0 text-muted-foreground"
                  />
                  <span className="min-w-0 flex-1">
                    <ButtonLink
                      variant="ghost"
                      size="sm"
                      className="max-w-full justify-start !px-1"
                      to="/o/$slug/s/$spaceSlug/courses/$courseId/edit/lessons/$lessonId"
                      params={{ slug, spaceSlug, courseId: outline.course.id, lessonId: id }}
                    >
                      <span className="truncate">{lesson.title}</span>
                    </ButtonLink>
                    <LessonFacts lesson={lesson} />
                  </span>
                  <StatusBadge status={lesson.status} />
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`${lesson.status === "published" ? "Unpublish" : "Publish"} ${lesson.title}`}
                    pending={setLessonStatus.isPending && setLessonStatus.variables?.id === id}
                    onClick={() =>
                      setLessonStatus.mutate({
                        id,
                        status: lesson.status === "published" ? "draft" : "published",
                      })
                    }
                  >
                    {lesson.status === "published" ? "Unpublish" : "Publish"}
                  </Button>
                  <MoveButtons
                    id={id}
                    name={lesson.title}
                    index={index}
                    count={lessons.order.length}
                    onMove={(direction) => lessons.move(id, direction)}
                  />
                </li>
              );
            })}
          </ol>
        )}
        <p aria-live="polite" className="sr-only">
          {lessons.announcement}
        </p>
        {(reorderLessons.error ?? setLessonStatus.error) && (
          <ErrorAlert error={reorderLessons.error ?? setLessonStatus.error} />
        )}
        <AddLessonForm module={module} courseId={outline.course.id} spaceSlug={spaceSlug} />
      </div>
      <ConfirmDialog
        open={removing}
        title={`Delete ${module.title}?`}
        confirmLabel="Delete module"
        pending={removeModule.isPending}
        error={removeModule.error ? errorMessage(removeModule.error) : null}
        onConfirm={() =>
          removeModule.mutate(
            { id: module.id },
            {
              onSuccess: () => {
                setRemoving(false);
                toast.success(`Deleted ${module.title}.`);
              },
            },
          )
        }
        onClose={() => setRemoving(false)}
      >
        <p>
          Its {module.lessons.length} {module.lessons.length === 1 ? "lesson goes" : "lessons go"}{" "}
          with it, with the learners' progress in them. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** What a learner plans by, in one line: difficulty, time, level, XP, a quiz. */
function LessonFacts({ lesson }: { lesson: Lesson }) {
  const facts = [
    difficultyLabels[lesson.difficulty],
    lesson.estimatedMinutes ? `${lesson.estimatedMinutes} min` : null,
    lesson.level > 1 ? `Level ${lesson.level}` : null,
    lesson.xpReward > 0 ? `${lesson.xpReward} XP` : null,
  ].filter(Boolean);
  return (
    <span className="flex flex-wrap items-center gap-x-2 px-1 text-xs text-muted-foreground">
      {facts.join(" · ")}
      {lesson.hasQuiz && (
        <span className="inline-flex items-center gap-0.5">
          <HelpCircle aria-hidden="true" className="size-3" />
          Quiz
        </span>
      )}
    </span>
  );
}

function RenameModuleForm({ module, onDone }: { module: Module; onDone: () => void }) {
  const { updateModule } = useCourseStudioMutations();
  const [title, setTitle] = useState(module.title);
  const fieldErrors = useFieldErrors(updateModule.error);
  return (
    <form
      noValidate
      className="flex min-w-0 flex-1 flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim()) {
          fieldErrors.submitted({ title: ["Give the module a title"] });
          return;
        }
        fieldErrors.submitted({});
        updateModule.mutate({ id: module.id, title }, { onSuccess: onDone });
      }}
    >
      <TextField
        label="Module title"
        className="min-w-0 flex-1"
        autoComplete="off"
        autoFocus
        value={title}
        onChange={(e) => {
          setTitle(e.target.value);
          fieldErrors.changedField("title");
        }}
        error={fieldErrors.errors.title}
      />
      <Button type="submit" size="sm" pending={updateModule.isPending}>
        Save
      </Button>
      <Button size="sm" variant="secondary" onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}

/**
 * A title and an Add button: a new module, or a new lesson in a module. `add` sends it and calls
 * `done` once made (the box empties).
 */
function AddByTitleForm({
  label,
  placeholder,
  emptyMessage,
  buttonLabel,
  size,
  mutation,
  add,
}: {
  label: string;
  placeholder: string;
  emptyMessage: string;
  buttonLabel: string;
  size: "sm" | "md";
  mutation: { isPending: boolean; error: unknown };
  add: (title: string, done: () => void) => void;
}) {
  const [title, setTitle] = useState("");
  const fieldErrors = useFieldErrors(mutation.error);
  const formError = mutation.error && !fieldErrors.serverErrors.title ? mutation.error : null;
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim()) {
          fieldErrors.submitted({ title: [emptyMessage] });
          return;
        }
        fieldErrors.submitted({});
        add(title, () => setTitle(""));
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <TextField
          label={label}
          placeholder={placeholder}
          className="min-w-0 flex-1"
          autoComplete="off"
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            fieldErrors.changedField("title");
          }}
          error={fieldErrors.errors.title}
        />
        <Button type="submit" size={size} variant="secondary" pending={mutation.isPending}>
          <Plus aria-hidden="true" className="size-4" />
          {buttonLabel}
        </Button>
      </div>
      {formError && <ErrorAlert error={formError} />}
    </form>
  );
}

function AddModuleForm({ courseId }: { courseId: string }) {
  const { createModule } = useCourseStudioMutations();
  return (
    <AddByTitleForm
      label="New module"
      placeholder="e.g. Getting started"
      emptyMessage="Give the module a title"
      buttonLabel="Add module"
      size="md"
      mutation={createModule}
      add={(title, done) =>
        createModule.mutate(
          { courseId, title },
          {
            onSuccess: (made) => {
              done();
              toast.success(`Added the module ${made.title}.`);
            },
          },
        )
      }
    />
  );
}

function AddLessonForm({
  module,
  courseId,
  spaceSlug,
}: {
  module: Module;
  courseId: string;
  spaceSlug: string;
}) {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const { createLesson } = useCourseStudioMutations();
  return (
    <AddByTitleForm
      label={`New lesson in ${module.title}`}
      placeholder="e.g. Why this matters"
      emptyMessage="Give the lesson a title"
      buttonLabel="Add lesson"
      size="sm"
      mutation={createLesson}
      // The lesson's other fields take the schema's defaults; the lesson editor sets them.
      add={(title, done) =>
        createLesson.mutate(
          { ...createLessonDefaults, moduleId: module.id, title },
          {
            onSuccess: (made) => {
              done();
              void navigate({
                to: "/o/$slug/s/$spaceSlug/courses/$courseId/edit/lessons/$lessonId",
                params: { slug, spaceSlug, courseId, lessonId: made.id },
              });
            },
          },
        )
      }
    />
  );
}

/** A new lesson: a draft with nothing in it, open at once, level 1, no XP. */
const createLessonDefaults = {
  subtitle: "",
  difficulty: "beginner" as const,
  estimatedMinutes: null,
  level: 1,
  gate: 1,
  xpReward: 0,
  dripDays: null,
  dripAt: null,
  freePreview: false,
  content: [],
  prerequisiteIds: [],
};
