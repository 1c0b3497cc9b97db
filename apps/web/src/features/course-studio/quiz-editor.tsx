import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import { Button } from "../../components/button.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import type { FieldErrors } from "../../lib/errors.ts";
import {
  type BlockDraft,
  emptyQuestion,
  newLocalId,
  type QuestionDraft,
  type QuestionKind,
} from "./lesson-draft.ts";

type QuizDraft = Extract<BlockDraft, { type: "quiz" }>;

const kindLabels: Record<QuestionKind, string> = {
  single: "Single choice",
  multiple: "Multiple choice",
  short: "Short answer",
};
const questionKinds = Object.keys(kindLabels).filter((k): k is QuestionKind => k in kindLabels);

/** An error at `key` or anywhere under it, for a control that stands for a whole list. */
function under(errors: FieldErrors, key: string): string[] | undefined {
  const found = Object.entries(errors)
    .filter(([k]) => k === key || k.startsWith(`${key}.`))
    .flatMap(([, messages]) => messages);
  return found.length ? found : undefined;
}

/**
 * A quiz: its pass score and attempt limit, and its questions (single choice, multiple choice,
 * short answer) with their options and correct answers. Errors come keyed by the schema's paths
 * under `at` ("content.3"), so each shows under its own control.
 */
export function QuizEditor({
  quiz,
  at,
  errors,
  onChange,
}: {
  quiz: QuizDraft;
  at: string;
  errors: FieldErrors;
  onChange: (next: QuizDraft, field: string) => void;
}) {
  const setQuestion = (index: number, question: QuestionDraft, field: string) =>
    onChange(
      { ...quiz, questions: quiz.questions.map((q, i) => (i === index ? question : q)) },
      `${at}.questions.${index}.${field}`,
    );
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${at}.passScore`}
          label="Pass score (%)"
          inputMode="numeric"
          value={quiz.passScore}
          onChange={(e) => onChange({ ...quiz, passScore: e.target.value }, `${at}.passScore`)}
          error={errors[`${at}.passScore`]}
          hint="Passing completes the lesson"
        />
        <TextField
          id={`${at}.attemptLimit`}
          label="Attempts allowed"
          inputMode="numeric"
          placeholder="Unlimited"
          value={quiz.attemptLimit}
          onChange={(e) =>
            onChange({ ...quiz, attemptLimit: e.target.value }, `${at}.attemptLimit`)
          }
          error={errors[`${at}.attemptLimit`]}
          hint="Empty: as many as they like"
        />
      </div>
      {errors[`${at}.questions`] && (
        <p className="text-sm text-danger">{errors[`${at}.questions`]?.[0]}</p>
      )}
      <ol className="space-y-4">
        {quiz.questions.map((question, index) => (
          <li key={question.id} className="rounded-md border border-border p-3">
            <QuestionEditor
              question={question}
              number={index + 1}
              at={`${at}.questions.${index}`}
              errors={errors}
              onChange={(next, field) => setQuestion(index, next, field)}
              onRemove={
                quiz.questions.length > 1
                  ? () =>
                      onChange(
                        { ...quiz, questions: quiz.questions.filter((_, i) => i !== index) },
                        `${at}.questions`,
                      )
                  : undefined
              }
            />
          </li>
        ))}
      </ol>
      <Button
        size="sm"
        variant="secondary"
        onClick={() =>
          onChange({ ...quiz, questions: [...quiz.questions, emptyQuestion()] }, `${at}.questions`)
        }
      >
        <Plus aria-hidden="true" className="size-4" />
        Add question
      </Button>
    </div>
  );
}

function QuestionEditor({
  question,
  number,
  at,
  errors,
  onChange,
  onRemove,
}: {
  question: QuestionDraft;
  number: number;
  at: string;
  errors: FieldErrors;
  onChange: (next: QuestionDraft, field: string) => void;
  onRemove: (() => void) | undefined;
}) {
  const legendId = useId();
  const correctKey = question.kind === "single" ? "correctOptionId" : "correctOptionIds";
  return (
    <fieldset aria-labelledby={legendId} className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h4 id={legendId} className="text-sm font-semibold text-foreground">
          Question {number}
        </h4>
        {onRemove && (
          <Button
            size="sm"
            variant="danger-ghost"
            aria-label={`Remove question ${number}`}
            onClick={onRemove}
          >
            <Trash2 aria-hidden="true" className="size-4" />
          </Button>
        )}
      </div>
      <SelectField
        id={`${at}.kind`}
        label={`Question ${number} type`}
        value={question.kind}
        onChange={(e) => {
          const kind = questionKinds.find((k) => k === e.target.value);
          if (kind)
            onChange(
              {
                ...question,
                kind,
                correct: kind === "single" ? question.correct.slice(0, 1) : question.correct,
              },
              "kind",
            );
        }}
      >
        {questionKinds.map((kind) => (
          <option key={kind} value={kind}>
            {kindLabels[kind]}
          </option>
        ))}
      </SelectField>
      <TextareaField
        id={`${at}.prompt`}
        label={`Question ${number} text`}
        rows={2}
        value={question.prompt}
        onChange={(e) => onChange({ ...question, prompt: e.target.value }, "prompt")}
        error={errors[`${at}.prompt`]}
      />
      {question.kind === "short" ? (
        <TextareaField
          id={`${at}.acceptedAnswers`}
          label={`Accepted answers to question ${number}`}
          rows={2}
          hint="One a line; compared ignoring case and extra spaces"
          value={question.answers}
          onChange={(e) => onChange({ ...question, answers: e.target.value }, "acceptedAnswers")}
          error={under(errors, `${at}.acceptedAnswers`)}
        />
      ) : (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-foreground">
            Options (
            {question.kind === "single" ? "mark the correct one" : "mark every correct one"})
          </legend>
          {question.options.map((option, o) => {
            const marked = question.correct.includes(option.id);
            return (
              <div key={option.id} className="flex items-end gap-2">
                <label className="flex shrink-0 items-center gap-1 pb-2 text-xs text-muted-foreground">
                  <input
                    type={question.kind === "single" ? "radio" : "checkbox"}
                    name={`${at}-correct`}
                    aria-label={`Option ${o + 1} of question ${number} is correct`}
                    className="size-4"
                    checked={marked}
                    onChange={(e) =>
                      onChange(
                        {
                          ...question,
                          correct:
                            question.kind === "single"
                              ? [option.id]
                              : e.target.checked
                                ? [...question.correct, option.id]
                                : question.correct.filter((id) => id !== option.id),
                        },
                        correctKey,
                      )
                    }
                  />
                  <span aria-hidden="true">Correct</span>
                </label>
                <TextField
                  id={`${at}.options.${o}.text`}
                  label={`Option ${o + 1}`}
                  className="min-w-0 flex-1"
                  autoComplete="off"
                  value={option.text}
                  onChange={(e) =>
                    onChange(
                      {
                        ...question,
                        options: question.options.map((x, i) =>
                          i === o ? { ...x, text: e.target.value } : x,
                        ),
                      },
                      `options.${o}.text`,
                    )
                  }
                  error={errors[`${at}.options.${o}.text`]}
                />
                <Button
                  size="sm"
                  variant="danger-ghost"
                  className="mb-1"
                  aria-label={`Remove option ${o + 1} of question ${number}`}
                  disabled={question.options.length <= 2}
                  onClick={() =>
                    onChange(
                      {
                        ...question,
                        options: question.options.filter((_, i) => i !== o),
                        correct: question.correct.filter((id) => id !== option.id),
                      },
                      "options",
                    )
                  }
                >
                  <Trash2 aria-hidden="true" className="size-4" />
                </Button>
              </div>
            );
          })}
          {(under(errors, `${at}.${correctKey}`) ?? errors[`${at}.options`]) && (
            <p className="text-sm text-danger">
              {(under(errors, `${at}.${correctKey}`) ?? errors[`${at}.options`])?.[0]}
            </p>
          )}
          <Button
            size="sm"
            variant="ghost"
            onClick={() =>
              onChange(
                { ...question, options: [...question.options, { id: newLocalId(), text: "" }] },
                "options",
              )
            }
          >
            <Plus aria-hidden="true" className="size-4" />
            Add option
          </Button>
        </fieldset>
      )}
    </fieldset>
  );
}
