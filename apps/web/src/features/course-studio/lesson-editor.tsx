import type { RouterOutputs } from "@guild/api";
import { updateLessonInput } from "@guild/api/schemas/learning";
import { hasRole, type LessonDifficulty, lessonDifficulties } from "@guild/db/enums";
import { Link, useNavigate } from "@tanstack/react-router";
import { Plus, Trash2 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { SelectField, TextField } from "../../components/field.tsx";
import {
  EmptyState,
  ErrorState,
  FormAlert,
  LoadingState,
  NotFound,
} from "../../components/states.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { errorMessage, type FieldErrors, isNotFound } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { BlockEditor, blockLabels } from "./block-editor.tsx";
import type { CourseOutline } from "./course-editor.tsx";
import { difficultyLabels, moved } from "./course-labels.ts";
import {
  type BlockDraft,
  type BlockType,
  emptyBlock,
  fieldKey,
  type LessonDraft,
  lessonDraft,
  lessonInput,
} from "./lesson-draft.ts";
import { LessonFileField } from "./lesson-file-field.tsx";
import { StatusBadge } from "./status-badge.tsx";
import {
  useCourseForEditing,
  useCourseStudioMutations,
  useLessonForEditing,
} from "./use-course-studio.ts";

type Lesson = RouterOutputs["lesson"]["get"];

/** The blocks an author adds from the editor. */
const addableBlocks: BlockType[] = ["markdown", "video", "image", "file", "callout", "quiz"];

/**
 * The lesson editor (moderators and up): what learners plan by (subtitle, difficulty, time, XP),
 * what opens it (level and gate, prerequisites, drip, free preview), draft or published, and its
 * content as typed blocks, checked with the API's own schema before saving, each error under
 * its control.
 */
export function LessonEditorScreen({
  spaceSlug,
  courseId,
  lessonId,
}: {
  spaceSlug: string;
  courseId: string;
  lessonId: string;
}) {
  const { membership } = useCurrentOrganization();
  const lesson = useLessonForEditing(lessonId);
  const outline = useCourseForEditing(courseId);
  const notFound = (
    <NotFound
      title="Lesson not found"
      description="There is no lesson at this address that you can edit."
    />
  );
  if (!hasRole(membership.role, "moderator")) return notFound;
  if (lesson.isPending || outline.isPending) return <LoadingState label="Loading the lesson…" />;
  const failure = lesson.error ?? outline.error;
  if (failure)
    return isNotFound(failure) ? (
      notFound
    ) : (
      <ErrorState
        error={failure}
        onRetry={() => void Promise.all([lesson.refetch(), outline.refetch()])}
      />
    );
  if (!lesson.data || !outline.data || lesson.data.courseId !== outline.data.course.id)
    return notFound;
  return (
    <LessonEditor
      key={lesson.data.id}
      lesson={lesson.data}
      outline={outline.data}
      spaceSlug={spaceSlug}
    />
  );
}

/**
 * Client-side checks the schema cannot word well: an image or file block with nothing uploaded,
 * a single choice with nothing marked.
 */
function extraProblems(draft: LessonDraft): FieldErrors {
  const found: FieldErrors = {};
  draft.content.forEach((block, b) => {
    if ((block.type === "image" || block.type === "file") && !block.fileId)
      found[`content.${b}.fileId`] = [`Upload the ${block.type} first`];
    if (block.type !== "quiz") return;
    block.questions.forEach((question, q) => {
      if (question.kind === "single" && question.correct.length === 0)
        found[`content.${b}.questions.${q}.correctOptionId`] = ["Mark the correct option"];
    });
  });
  return found;
}

function LessonEditor({
  lesson,
  outline,
  spaceSlug,
}: {
  lesson: Lesson;
  outline: CourseOutline;
  spaceSlug: string;
}) {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const { updateLesson, setLessonStatus, removeLesson, moveLesson, refresh } =
    useCourseStudioMutations();
  const [saved, setSaved] = useState(() => lessonDraft(lesson));
  const [draft, setDraft] = useState(saved);
  const [removing, setRemoving] = useState(false);
  const fieldErrors = useFieldErrors(updateLesson.error);
  const { errors, serverErrors } = fieldErrors;
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const focusAfter = useRef<string | null>(null);
  const blocksRef = useRef<HTMLDivElement>(null);
  const prerequisitesId = useId();
  const module = outline.modules.find((m) => m.id === lesson.moduleId);
  const others = outline.modules.flatMap((m) =>
    m.lessons.filter((l) => l.id !== lesson.id).map((l) => ({ ...l, moduleTitle: m.title })),
  );
  const shownFields = new Set([
    "title",
    "subtitle",
    "difficulty",
    "estimatedMinutes",
    "level",
    "gate",
    "xpReward",
    "dripDays",
    "dripAt",
    "prerequisiteIds",
  ]);
  // A server error no field shows (a file that is gone, a limit): above the Save button.
  const formError =
    updateLesson.error &&
    !fieldErrors.checkFailed &&
    !Object.keys(serverErrors).some((f) => shownFields.has(f))
      ? updateLesson.error
      : null;
  // Errors of the content as a whole ("Two blocks share an id", "at most one quiz").
  const contentErrors = errors.content;

  useEffect(() => {
    const key = focusAfter.current;
    if (!key || !blocksRef.current) return;
    focusAfter.current = null;
    blocksRef.current.querySelector<HTMLElement>(`[data-focus-key="${key}"]`)?.focus();
  });

  const set = <K extends keyof LessonDraft>(field: K, value: LessonDraft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };
  const setBlock = (index: number, block: BlockDraft, field: string) => {
    setDraft((previous) => ({
      ...previous,
      content: previous.content.map((b, i) => (i === index ? block : b)),
    }));
    fieldErrors.changedField(field);
  };

  const save = () => {
    const input = { ...lessonInput(draft), id: lesson.id };
    const checked = updateLessonInput.safeParse(input);
    const found: FieldErrors = {};
    if (!checked.success)
      for (const issue of checked.error.issues) {
        const key = fieldKey(issue.path) || "content";
        found[key] = [...(found[key] ?? []), issue.message];
      }
    Object.assign(found, extraProblems(draft));
    fieldErrors.submitted(found);
    if (!checked.success || Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      if (first) document.getElementById(first)?.focus();
      return;
    }
    updateLesson.mutate(checked.data, {
      onSuccess: (next) => {
        const fresh = lessonDraft(next);
        setSaved(fresh);
        setDraft(fresh);
        toast.success(`Saved ${next.title}.`);
      },
    });
  };

  const published = lesson.status === "published";
  return (
    <div className="space-y-6">
      <UnsavedChangesGuard dirty={dirty} />
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link
          to="/o/$slug/s/$spaceSlug/courses/$courseId/edit"
          params={{ slug, spaceSlug, courseId: outline.course.id }}
          className="underline-offset-2 hover:underline"
        >
          {outline.course.title}
        </Link>
        {module && <span> · {module.title}</span>}
      </nav>
      <PageHeader
        title={lesson.title}
        description={<StatusBadge status={lesson.status} />}
        actions={
          <>
            <Button
              variant={published ? "secondary" : "primary"}
              pending={setLessonStatus.isPending}
              onClick={() =>
                setLessonStatus.mutate(
                  { id: lesson.id, status: published ? "draft" : "published" },
                  {
                    onSuccess: (next) =>
                      toast.success(
                        next.status === "published"
                          ? `Published ${next.title}.`
                          : `${next.title} is a draft again.`,
                      ),
                  },
                )
              }
            >
              {published ? "Unpublish lesson" : "Publish lesson"}
            </Button>
            <Button variant="danger-ghost" onClick={() => setRemoving(true)}>
              <Trash2 aria-hidden="true" className="size-4" />
              Delete lesson
            </Button>
          </>
        }
      />
      {(setLessonStatus.error ?? moveLesson.error) && (
        <ErrorAlert error={setLessonStatus.error ?? moveLesson.error} />
      )}
      <form
        noValidate
        className="space-y-6"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Card title="Content">
            <div ref={blocksRef} className="space-y-4">
              {contentErrors && <FormAlert>{contentErrors.join(" ")}</FormAlert>}
              {draft.content.length === 0 ? (
                <EmptyState title="No content yet">
                  Add text, a video, an image, a file, a callout or a quiz below.
                </EmptyState>
              ) : (
                draft.content.map((block, index) => (
                  <BlockEditor
                    key={block.id}
                    block={block}
                    index={index}
                    count={draft.content.length}
                    errors={errors}
                    fileBlock={(fileBlock, at) => (
                      <LessonFileField
                        block={fileBlock}
                        at={at}
                        courseId={outline.course.id}
                        errors={errors}
                        onChange={(next, field) => setBlock(index, next, field)}
                      />
                    )}
                    onChange={(next, field) => setBlock(index, next, field)}
                    onMove={(direction) => {
                      focusAfter.current = `${direction < 0 ? "up" : "down"}:${block.id}`;
                      set("content", moved(draft.content, index, direction));
                    }}
                    onRemove={() =>
                      set(
                        "content",
                        draft.content.filter((_, i) => i !== index),
                      )
                    }
                  />
                ))
              )}
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-sm font-medium text-foreground">Add</span>
                {addableBlocks.map((type) => (
                  <Button
                    key={type}
                    size="sm"
                    variant="secondary"
                    disabled={type === "quiz" && draft.content.some((b) => b.type === "quiz")}
                    onClick={() => set("content", [...draft.content, emptyBlock(type)])}
                  >
                    <Plus aria-hidden="true" className="size-4" />
                    <span className="sr-only">Add </span>
                    {blockLabels[type]}
                    <span className="sr-only"> block</span>
                  </Button>
                ))}
              </div>
            </div>
          </Card>
          <div className="space-y-6">
            <Card title="Lesson">
              <div className="space-y-4">
                {outline.modules.length > 1 && (
                  <SelectField
                    label="Module"
                    hint="Moving it puts it last in that module, at once"
                    value={lesson.moduleId}
                    disabled={moveLesson.isPending}
                    onChange={(e) => {
                      const target = outline.modules.find((m) => m.id === e.target.value);
                      if (target)
                        moveLesson.mutate(
                          { id: lesson.id, moduleId: target.id },
                          { onSuccess: () => toast.success(`Moved to ${target.title}.`) },
                        );
                    }}
                  >
                    {outline.modules.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.title}
                      </option>
                    ))}
                  </SelectField>
                )}
                <TextField
                  id="title"
                  label="Title"
                  autoComplete="off"
                  value={draft.title}
                  onChange={(e) => set("title", e.target.value)}
                  error={errors.title}
                />
                <TextField
                  id="subtitle"
                  label="Subtitle"
                  autoComplete="off"
                  value={draft.subtitle}
                  onChange={(e) => set("subtitle", e.target.value)}
                  error={errors.subtitle}
                />
                <div className="grid gap-4 sm:grid-cols-2">
                  <SelectField
                    id="difficulty"
                    label="Difficulty"
                    value={draft.difficulty}
                    onChange={(e) => {
                      const next = lessonDifficulties.find(
                        (d): d is LessonDifficulty => d === e.target.value,
                      );
                      if (next) set("difficulty", next);
                    }}
                    error={errors.difficulty}
                  >
                    {lessonDifficulties.map((d) => (
                      <option key={d} value={d}>
                        {difficultyLabels[d]}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    id="estimatedMinutes"
                    label="Estimated time (minutes)"
                    inputMode="numeric"
                    placeholder="Not said"
                    value={draft.estimatedMinutes}
                    onChange={(e) => set("estimatedMinutes", e.target.value)}
                    error={errors.estimatedMinutes}
                  />
                  <TextField
                    id="xpReward"
                    label="XP reward"
                    inputMode="numeric"
                    hint="Given once, when a learner completes it"
                    value={draft.xpReward}
                    onChange={(e) => set("xpReward", e.target.value)}
                    error={errors.xpReward}
                  />
                </div>
              </div>
            </Card>
            <Card title="Who can open it, and when">
              <div className="space-y-4">
                <div className="grid gap-4 sm:grid-cols-2">
                  <TextField
                    id="level"
                    label="Level needed"
                    inputMode="numeric"
                    hint="Learners below this level see it locked"
                    value={draft.level}
                    onChange={(e) => set("level", e.target.value)}
                    error={errors.level}
                  />
                  <TextField
                    id="gate"
                    label="Gate"
                    inputMode="numeric"
                    hint="The stage of the level it belongs to"
                    value={draft.gate}
                    onChange={(e) => set("gate", e.target.value)}
                    error={errors.gate}
                  />
                  <TextField
                    id="dripDays"
                    label="Opens days after enrolling"
                    inputMode="numeric"
                    placeholder="At once"
                    value={draft.dripDays}
                    onChange={(e) => set("dripDays", e.target.value)}
                    error={errors.dripDays}
                  />
                  <TextField
                    id="dripAt"
                    label="Opens on"
                    type="date"
                    value={draft.dripAt}
                    onChange={(e) => set("dripAt", e.target.value)}
                    error={errors.dripAt}
                    hint="Both set: the later of the two"
                  />
                </div>
                <label className="flex items-center gap-2 text-sm text-foreground">
                  <input
                    type="checkbox"
                    className="size-4"
                    checked={draft.freePreview}
                    onChange={(e) => set("freePreview", e.target.checked)}
                  />
                  Free preview: anyone who sees the course may open it
                </label>
                <fieldset
                  id="prerequisiteIds"
                  tabIndex={-1}
                  aria-describedby={`${prerequisitesId}-hint`}
                >
                  <legend className="text-sm font-medium text-foreground">Complete first</legend>
                  <p id={`${prerequisitesId}-hint`} className="text-xs text-muted-foreground">
                    Lessons of this course a learner completes before this one opens.
                  </p>
                  {others.length === 0 ? (
                    <p className="mt-2 text-sm text-muted-foreground">
                      No other lessons in this course yet.
                    </p>
                  ) : (
                    <div className="mt-2 max-h-60 space-y-1 overflow-y-auto">
                      {others.map((other) => (
                        <label
                          key={other.id}
                          className="flex items-start gap-2 text-sm text-foreground"
                        >
                          <input
                            type="checkbox"
                            className="mt-0.5 size-4 shrink-0"
                            checked={draft.prerequisiteIds.includes(other.id)}
                            onChange={(e) =>
                              set(
                                "prerequisiteIds",
                                e.target.checked
                                  ? [...draft.prerequisiteIds, other.id]
                                  : draft.prerequisiteIds.filter((id) => id !== other.id),
                              )
                            }
                          />
                          <span className="min-w-0 wrap-anywhere">
                            {other.title}
                            <span className="text-muted-foreground"> · {other.moduleTitle}</span>
                          </span>
                        </label>
                      ))}
                    </div>
                  )}
                  {errors.prerequisiteIds && (
                    <p className="mt-1 text-sm text-danger">{errors.prerequisiteIds[0]}</p>
                  )}
                </fieldset>
              </div>
            </Card>
          </div>
        </div>
        {fieldErrors.checkFailed && (
          <FormAlert>Some fields need a look: each says what is wrong.</FormAlert>
        )}
        {formError && <ErrorAlert error={formError} />}
        <div className="sticky bottom-0 flex flex-wrap justify-end gap-2 border-t border-border bg-background/95 py-3">
          <Button
            variant="secondary"
            disabled={!dirty}
            onClick={() => {
              setDraft(saved);
              fieldErrors.submitted({});
            }}
          >
            Discard changes
          </Button>
          <Button type="submit" pending={updateLesson.isPending} disabled={!dirty}>
            Save lesson
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={removing}
        title={`Delete ${lesson.title}?`}
        confirmLabel="Delete lesson"
        pending={removeLesson.isPending}
        error={removeLesson.error ? errorMessage(removeLesson.error) : null}
        onConfirm={() =>
          removeLesson.mutate(
            { id: lesson.id },
            {
              onSuccess: () => {
                setRemoving(false);
                toast.success(`Deleted ${lesson.title}.`);
                void navigate({
                  to: "/o/$slug/s/$spaceSlug/courses/$courseId/edit",
                  params: { slug, spaceSlug, courseId: outline.course.id },
                }).then(refresh);
              },
            },
          )
        }
        onClose={() => setRemoving(false)}
      >
        <p>Learners' progress in it goes too. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
