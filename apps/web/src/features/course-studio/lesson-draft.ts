// The lesson editor's form state and its way to and from the API's input. Numbers are kept as
// the text typed (an empty box is "none", not 0) and a quiz question keeps every kind's fields
// while the author switches kinds, so nothing typed is lost; the input is built at submit and
// checked with the API's own schema (updateLessonInput), whose issue paths name the fields.
import type { LessonBlock, QuizQuestion } from "@guild/api/schemas/learning";
import type { LessonDifficulty } from "@guild/db/enums";

export type CalloutTone = "info" | "tip" | "warning";
export type QuestionKind = QuizQuestion["kind"];

export interface QuestionDraft {
  id: string;
  kind: QuestionKind;
  prompt: string;
  options: { id: string; text: string }[];
  /** The options marked correct (single choice: at most one). */
  correct: string[];
  /** Short answer: accepted answers, one a line. */
  answers: string;
}

export type BlockDraft =
  | { id: string; type: "markdown"; markdown: string }
  | { id: string; type: "video"; url: string }
  | { id: string; type: "image"; fileId: string; alt: string }
  | { id: string; type: "file"; fileId: string; label: string }
  | { id: string; type: "callout"; tone: CalloutTone; markdown: string }
  | {
      id: string;
      type: "quiz";
      passScore: string;
      attemptLimit: string;
      questions: QuestionDraft[];
    };
export type BlockType = BlockDraft["type"];

export interface LessonDraft {
  title: string;
  subtitle: string;
  difficulty: LessonDifficulty;
  estimatedMinutes: string;
  level: string;
  gate: string;
  xpReward: string;
  dripDays: string;
  /** yyyy-mm-dd, or "" for none. */
  dripAt: string;
  freePreview: boolean;
  prerequisiteIds: string[];
  content: BlockDraft[];
}

/** A block's, question's or option's id: the schema's local ids are up to 40 of [A-Za-z0-9_-]. */
export const newLocalId = () => crypto.randomUUID();

const numberText = (value: number | null) => (value === null ? "" : String(value));

/** "" → null; anything else a number (NaN for what is not one: the schema says so). */
export function optionalNumber(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : Number(trimmed);
}

/** "" → NaN, refused by the schema like any other non-number. */
const requiredNumber = (text: string) => Number(text.trim() === "" ? Number.NaN : text.trim());

/** A date box's yyyy-mm-dd as the local day's start, and back. */
export function dateFromBox(text: string): Date | null {
  if (!text) return null;
  const date = new Date(`${text}T00:00:00`);
  return Number.isNaN(date.getTime()) ? new Date(Number.NaN) : date;
}

export function boxFromDate(date: Date | null): string {
  if (!date) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function emptyQuestion(kind: QuestionKind = "single"): QuestionDraft {
  return {
    id: newLocalId(),
    kind,
    prompt: "",
    options: [
      { id: newLocalId(), text: "" },
      { id: newLocalId(), text: "" },
    ],
    correct: [],
    answers: "",
  };
}

export function emptyBlock(type: BlockType): BlockDraft {
  const id = newLocalId();
  switch (type) {
    case "markdown":
      return { id, type, markdown: "" };
    case "video":
      return { id, type, url: "" };
    case "image":
      return { id, type, fileId: "", alt: "" };
    case "file":
      return { id, type, fileId: "", label: "" };
    case "callout":
      return { id, type, tone: "info", markdown: "" };
    case "quiz":
      return { id, type, passScore: "70", attemptLimit: "", questions: [emptyQuestion()] };
  }
}

function questionDraft(question: QuizQuestion): QuestionDraft {
  const base = { id: question.id, kind: question.kind, prompt: question.prompt };
  switch (question.kind) {
    case "single":
      return {
        ...base,
        options: question.options,
        correct: [question.correctOptionId],
        answers: "",
      };
    case "multiple":
      return {
        ...base,
        options: question.options,
        correct: question.correctOptionIds,
        answers: "",
      };
    case "short":
      return {
        ...base,
        options: emptyQuestion().options,
        correct: [],
        answers: question.acceptedAnswers.join("\n"),
      };
  }
}

function blockDraft(block: LessonBlock): BlockDraft {
  if (block.type !== "quiz") return block;
  return {
    id: block.id,
    type: "quiz",
    passScore: String(block.passScore),
    attemptLimit: numberText(block.attemptLimit),
    questions: block.questions.map(questionDraft),
  };
}

export interface EditableLesson {
  title: string;
  subtitle: string;
  difficulty: LessonDifficulty;
  estimatedMinutes: number | null;
  level: number;
  gate: number;
  xpReward: number;
  dripDays: number | null;
  dripAt: Date | null;
  freePreview: boolean;
  prerequisiteIds: string[];
  content: LessonBlock[];
}

export function lessonDraft(lesson: EditableLesson): LessonDraft {
  return {
    title: lesson.title,
    subtitle: lesson.subtitle,
    difficulty: lesson.difficulty,
    estimatedMinutes: numberText(lesson.estimatedMinutes),
    level: String(lesson.level),
    gate: String(lesson.gate),
    xpReward: String(lesson.xpReward),
    dripDays: numberText(lesson.dripDays),
    dripAt: boxFromDate(lesson.dripAt),
    freePreview: lesson.freePreview,
    prerequisiteIds: lesson.prerequisiteIds,
    content: lesson.content.map(blockDraft),
  };
}

/**
 * A question as the schema takes it. Unknown shapes are left for the schema to refuse (a single
 * choice with nothing marked sends "", which is no option's id).
 */
function questionInput(question: QuestionDraft) {
  const base = { id: question.id, prompt: question.prompt };
  switch (question.kind) {
    case "single":
      return {
        ...base,
        kind: "single" as const,
        options: question.options,
        correctOptionId: question.correct[0] ?? "",
      };
    case "multiple":
      return {
        ...base,
        kind: "multiple" as const,
        options: question.options,
        correctOptionIds: question.correct,
      };
    case "short":
      return {
        ...base,
        kind: "short" as const,
        acceptedAnswers: question.answers
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => line !== ""),
      };
  }
}

function blockInput(block: BlockDraft) {
  if (block.type !== "quiz") return block;
  return {
    id: block.id,
    type: "quiz" as const,
    passScore: requiredNumber(block.passScore),
    attemptLimit: optionalNumber(block.attemptLimit),
    questions: block.questions.map(questionInput),
  };
}

/** The lesson's fields as lesson.update takes them (before the schema's check). */
export function lessonInput(draft: LessonDraft) {
  return {
    title: draft.title,
    subtitle: draft.subtitle,
    difficulty: draft.difficulty,
    estimatedMinutes: optionalNumber(draft.estimatedMinutes),
    level: requiredNumber(draft.level),
    gate: requiredNumber(draft.gate),
    xpReward: requiredNumber(draft.xpReward),
    dripDays: optionalNumber(draft.dripDays),
    dripAt: dateFromBox(draft.dripAt),
    freePreview: draft.freePreview,
    prerequisiteIds: draft.prerequisiteIds,
    content: draft.content.map(blockInput),
  };
}

/** An issue's path as the form names its field: "content.2.questions.0.prompt". */
export const fieldKey = (path: readonly PropertyKey[]) => path.map(String).join(".");
