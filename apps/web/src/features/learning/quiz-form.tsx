import { SHORT_ANSWER_MAX, submitQuizInput } from "@guild/api/schemas/learning";
import { CheckCircle2, XCircle } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { inputClass } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import {
  type LessonBlockView,
  type LessonView,
  type QuizResult,
  useLearningMutations,
} from "./use-learning.ts";

type Quiz = Extract<LessonBlockView, { type: "quiz" }>;
type Question = Quiz["questions"][number];
type Answers = Record<string, { optionIds: string[]; text: string }>;

const blank = { optionIds: [], text: "" };

/** What the form's own check finds: a question left unanswered, or an answer too long. */
function unanswered(quiz: Quiz, answers: Answers): FieldErrors {
  const found: FieldErrors = {};
  for (const question of quiz.questions) {
    const answer = answers[question.id] ?? blank;
    if (question.kind === "short" ? answer.text.trim() === "" : answer.optionIds.length === 0)
      found[question.id] = [question.kind === "short" ? "Write an answer" : "Choose an answer"];
  }
  return found;
}

/**
 * A lesson's quiz: the questions (single choice, multiple choice, short answer), submitted for
 * grading on the server, then the score, pass or fail, each question right or wrong (never the
 * right answer: the quiz may be taken again), best and last score and attempts left.
 */
export function QuizForm({ quiz, lesson }: { quiz: Quiz; lesson: LessonView }) {
  const { submitQuiz } = useLearningMutations();
  const [answers, setAnswers] = useState<Answers>({});
  const [result, setResult] = useState<QuizResult | null>(null);
  // Server issues come as answers.<index>.<field>: the index is the question's place in the list.
  const fields = useFieldErrors(submitQuiz.error, (field) => {
    const index = /^answers\.(\d+)/.exec(field)?.[1];
    const question = index === undefined ? undefined : quiz.questions[Number(index)];
    return question?.id ?? field;
  });
  const progress = lesson.progress;
  const attemptsLeft = result ? result.attemptsLeft : lesson.attemptsLeft;
  const outOfAttempts = attemptsLeft === 0;
  const enrolled = progress !== null;
  const correct = new Map(result?.results.map((r) => [r.questionId, r.correct]));

  const set = (questionId: string, answer: { optionIds: string[]; text: string }) => {
    setAnswers((previous) => ({ ...previous, [questionId]: answer }));
    fields.changedField(questionId);
  };

  const submit = () => {
    const found = unanswered(quiz, answers);
    const input = {
      lessonId: lesson.id,
      answers: quiz.questions.map((q) => ({ questionId: q.id, ...(answers[q.id] ?? blank) })),
    };
    const parsed = submitQuizInput.safeParse(input);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const question = quiz.questions[Number(issue.path[1])];
        if (issue.path[0] === "answers" && question)
          found[question.id] = [...(found[question.id] ?? []), issue.message];
      }
    fields.submitted(found);
    if (Object.keys(found).length > 0) return;
    submitQuiz.mutate(input, { onSuccess: setResult });
  };

  return (
    <Card
      title="Quiz"
      description={`Score ${quiz.passScore}% or more to pass${
        quiz.attemptLimit === null
          ? "."
          : `. ${quiz.attemptLimit} ${quiz.attemptLimit === 1 ? "attempt" : "attempts"} in all.`
      }`}
    >
      <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <Stat label="Best score" value={percentText(result?.bestScore ?? progress?.score)} />
        <Stat label="Last score" value={percentText(result?.score ?? progress?.lastScore)} />
        <Stat
          label="Attempts left"
          value={attemptsLeft === null ? "Unlimited" : String(attemptsLeft)}
        />
      </dl>
      {result && (
        <div
          role="status"
          className={`mb-4 flex items-start gap-3 rounded-md px-3 py-2 text-sm ring-1 ring-inset ${
            result.passed
              ? "bg-success-muted text-success ring-success-border"
              : "bg-danger-muted text-danger ring-danger-border"
          }`}
        >
          {result.passed ? (
            <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          ) : (
            <XCircle aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          )}
          <p>
            <span className="font-semibold">
              {result.passed ? "Passed" : "Not passed"}: you scored {result.score}%.
            </span>{" "}
            {result.passed
              ? "The lesson is complete."
              : result.attemptsLeft === 0
                ? "You have no attempts left."
                : `You need ${quiz.passScore}% to pass. Check your answers and try again.`}
          </p>
        </div>
      )}
      <form
        noValidate
        aria-label="Quiz"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        className="space-y-5"
      >
        <ol className="space-y-5">
          {quiz.questions.map((question, index) => (
            <li key={question.id}>
              <QuestionField
                question={question}
                number={index + 1}
                answer={answers[question.id] ?? blank}
                onChange={(answer) => set(question.id, answer)}
                error={fields.errors[question.id]?.[0]}
                correct={correct.get(question.id)}
                disabled={submitQuiz.isPending || outOfAttempts || !enrolled}
              />
            </li>
          ))}
        </ol>
        {submitQuiz.error && Object.keys(fields.serverErrors).length === 0 && (
          <FormAlert>{errorMessage(submitQuiz.error)}</FormAlert>
        )}
        {!enrolled ? (
          <p className="text-sm text-muted-foreground">Enroll in the course to take the quiz.</p>
        ) : outOfAttempts ? (
          <p className="text-sm text-muted-foreground">
            You have used all your attempts at this quiz.
          </p>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button type="submit" pending={submitQuiz.isPending}>
              {result ? "Submit again" : "Submit answers"}
            </Button>
            {result && (
              <Button
                variant="secondary"
                onClick={() => {
                  setAnswers({});
                  setResult(null);
                  fields.submitted({});
                }}
              >
                Clear answers
              </Button>
            )}
          </div>
        )}
      </form>
    </Card>
  );
}

const percentText = (score: number | null | undefined) => (score == null ? "—" : `${score}%`);

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex gap-1">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium text-foreground tabular-nums">{value}</dd>
    </div>
  );
}

function QuestionField({
  question,
  number,
  answer,
  onChange,
  error,
  correct,
  disabled,
}: {
  question: Question;
  number: number;
  answer: { optionIds: string[]; text: string };
  onChange: (answer: { optionIds: string[]; text: string }) => void;
  error: string | undefined;
  correct: boolean | undefined;
  disabled: boolean;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const legend = (
    <span className="flex items-start gap-2">
      <span className="tabular-nums text-muted-foreground">{number}.</span>
      <span className="min-w-0 flex-1 wrap-anywhere">{question.prompt}</span>
      {correct !== undefined &&
        (correct ? (
          <span className="inline-flex shrink-0 items-center gap-1 text-sm text-success">
            <CheckCircle2 aria-hidden="true" className="size-4" /> Right
          </span>
        ) : (
          <span className="inline-flex shrink-0 items-center gap-1 text-sm text-danger">
            <XCircle aria-hidden="true" className="size-4" /> Wrong
          </span>
        ))}
    </span>
  );
  const errorText = error && (
    <p id={errorId} className="mt-1 text-sm text-danger">
      {error}
    </p>
  );
  if (question.kind === "short")
    return (
      <div>
        <label htmlFor={id} className="block font-medium text-foreground">
          {legend}
        </label>
        <input
          id={id}
          className={`${inputClass} mt-2`}
          value={answer.text}
          maxLength={SHORT_ANSWER_MAX}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => onChange({ optionIds: [], text: event.target.value })}
        />
        {errorText}
      </div>
    );
  const multiple = question.kind === "multiple";
  return (
    <fieldset
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="font-medium text-foreground">{legend}</legend>
      {multiple && <p className="text-xs text-muted-foreground">Choose every right answer.</p>}
      <div className="mt-2 space-y-1.5">
        {question.options.map((option) => {
          const checked = answer.optionIds.includes(option.id);
          return (
            <label
              key={option.id}
              className="flex cursor-pointer items-start gap-2 rounded-md px-2 py-1.5 text-sm text-foreground hover:bg-muted has-[:disabled]:cursor-default"
            >
              <input
                type={multiple ? "checkbox" : "radio"}
                name={id}
                className="mt-0.5 size-4 accent-primary"
                checked={checked}
                disabled={disabled}
                onChange={() =>
                  onChange({
                    text: "",
                    optionIds: multiple
                      ? checked
                        ? answer.optionIds.filter((o) => o !== option.id)
                        : [...answer.optionIds, option.id]
                      : [option.id],
                  })
                }
              />
              <span className="wrap-anywhere">{option.text}</span>
            </label>
          );
        })}
      </div>
      {errorText}
    </fieldset>
  );
}
