// Quizzes (issue 12 §2): a lesson's quiz block is graded here, on the server, against answers
// members never receive. A member's view of a quiz is built field by field (memberBlocks), so a
// new answer field added to the author's schema stays out of it unless someone adds it here.
//
// An attempt counts under the limit with one conditional update (attempts < limit), so two
// submissions at once cannot both take the last attempt. The best and the last score are kept on
// the member's lesson progress; each attempt is kept with its answers. Passing completes the
// lesson (once, however often it is passed) and earns QUIZ_PASS_XP once.
import { and, eq, lessonProgress, quizAttempt, sql, type TenantScope } from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import type {
  LessonBlock,
  LessonBlockView,
  QuizAnswer,
  QuizBlock,
  QuizQuestionView,
  submitQuizInput,
} from "../schemas/learning.ts";
import { recordActivity } from "./activity.ts";
import { ensureProgress, lessonGate, markCompleted, readLesson } from "./lesson.ts";
import { awardXp, QUIZ_PASS_XP } from "./xp.ts";

/** The lesson's blocks as a member receives them: quizzes without their answers. */
export function memberBlocks(blocks: LessonBlock[]): LessonBlockView[] {
  return blocks.map((block) => {
    if (block.type !== "quiz") return block;
    const questions: QuizQuestionView[] = block.questions.map((q) =>
      q.kind === "short"
        ? { id: q.id, kind: q.kind, prompt: q.prompt }
        : {
            id: q.id,
            kind: q.kind,
            prompt: q.prompt,
            options: q.options.map((o) => ({ id: o.id, text: o.text })),
          },
    );
    return {
      id: block.id,
      type: "quiz",
      passScore: block.passScore,
      attemptLimit: block.attemptLimit,
      questions,
    };
  });
}

export const quizOf = (blocks: LessonBlock[]): QuizBlock | null =>
  blocks.find((b): b is QuizBlock => b.type === "quiz") ?? null;

/** Short answers match ignoring case, surrounding spaces and runs of spaces. */
const normalized = (value: string) => value.trim().replace(/\s+/g, " ").toLocaleLowerCase("en");

/** Each question right or wrong, and the score (0–100, rounded down). Unanswered is wrong. */
export function grade(quiz: QuizBlock, answers: QuizAnswer[]) {
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  const results = quiz.questions.map((q) => {
    const answer = byQuestion.get(q.id);
    let correct = false;
    if (answer && q.kind === "single")
      correct = answer.optionIds.length === 1 && answer.optionIds[0] === q.correctOptionId;
    else if (answer && q.kind === "multiple") {
      const chosen = new Set(answer.optionIds);
      correct =
        chosen.size === q.correctOptionIds.length &&
        q.correctOptionIds.every((id) => chosen.has(id));
    } else if (answer && q.kind === "short") {
      const given = normalized(answer.text);
      correct = given !== "" && q.acceptedAnswers.some((a) => normalized(a) === given);
    }
    return { questionId: q.id, correct };
  });
  const right = results.filter((r) => r.correct).length;
  return { results, score: Math.floor((right * 100) / quiz.questions.length) };
}

export interface QuizResult {
  lessonId: string;
  score: number;
  passed: boolean;
  /** Each question right or wrong (never the right answer: the quiz may be taken again). */
  results: { questionId: string; correct: boolean }[];
  bestScore: number;
  attempts: number;
  /** Attempts left (null: no limit). */
  attemptsLeft: number | null;
  /** The lesson is completed (by this pass or before). */
  lessonCompleted: boolean;
}

/** quiz.submit: grades the member's answers to an open lesson's quiz. */
export async function submitQuiz(
  scope: TenantScope,
  input: z.output<typeof submitQuizInput>,
): Promise<QuizResult> {
  const target = await readLesson(scope, input.lessonId);
  const gate = await lessonGate(scope, target);
  const quiz = quizOf(target.blocks);
  if (!quiz) throw new AppError("BAD_REQUEST", "This lesson has no quiz", { field: "lessonId" });
  const memberId = gate.enrolledMemberId();
  const known = new Set(quiz.questions.map((q) => q.id));
  if (input.answers.some((a) => !known.has(a.questionId)))
    throw new AppError("BAD_REQUEST", "An answer names a question this quiz does not have", {
      field: "answers",
    });
  const progressOf = and(
    eq(lessonProgress.organizationId, scope.organizationId),
    eq(lessonProgress.lessonId, target.id),
    eq(lessonProgress.memberId, memberId),
  );
  await ensureProgress(scope, target, memberId);
  const { results, score } = grade(quiz, input.answers);
  // Takes an attempt only while one is left: concurrent submissions queue on the row's lock.
  const [taken] = await scope.db
    .update(lessonProgress)
    .set({
      attempts: sql`${lessonProgress.attempts} + 1`,
      lastScore: score,
      score: sql`greatest(coalesce(${lessonProgress.score}, 0), ${score})`,
    })
    .where(
      and(
        progressOf,
        quiz.attemptLimit === null
          ? undefined
          : sql`${lessonProgress.attempts} < ${quiz.attemptLimit}`,
      ),
    )
    .returning({
      attempts: lessonProgress.attempts,
      score: lessonProgress.score,
      status: lessonProgress.status,
    });
  if (!taken)
    throw new AppError(
      "FORBIDDEN",
      `You have used all ${quiz.attemptLimit ?? 0} attempts at this quiz`,
    );
  const passed = score >= quiz.passScore;
  await scope.db.insert(quizAttempt).values({
    organizationId: scope.organizationId,
    spaceId: target.spaceId,
    courseId: target.courseId,
    lessonId: target.id,
    memberId,
    answers: input.answers,
    score,
    passed,
  });
  // The learning activity log (services/activity-log.ts): every attempt, with its score.
  await recordActivity(scope, {
    action: "quiz.submitted",
    target: { type: "lesson", id: target.id },
    changes: { score: { from: null, to: score }, passed: { from: null, to: passed } },
  });
  if (passed) {
    // Once per member and quiz, however often it is passed (awardXp's identity).
    await awardXp(scope, {
      memberId,
      kind: "quiz_pass",
      sourceId: target.id,
      amount: QUIZ_PASS_XP,
    });
    await markCompleted(scope, target, memberId);
  }
  const completed = passed || taken.status === "completed";
  return {
    lessonId: target.id,
    score,
    passed,
    results,
    bestScore: taken.score ?? score,
    attempts: taken.attempts,
    attemptsLeft: quiz.attemptLimit === null ? null : quiz.attemptLimit - taken.attempts,
    lessonCompleted: completed,
  };
}
