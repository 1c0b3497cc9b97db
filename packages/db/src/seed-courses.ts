// The demo organization's courses (issue 12): two published courses in the "Getting started"
// course space, with modules, lessons (markdown, callouts, quizzes), and the demo's people at
// different points in them: enrollments, lesson progress with time spent, quiz attempts passed
// and failed. So the outline, the learner dashboard and the admin analytics have something true
// to show from the first run.
//
// Written straight to the tables the learning services use (lesson.ts, quiz.ts), in the seed's
// tenant scope; the XP of each completed lesson goes to the ledger with the award's own identity
// (kind "lesson", the lesson's id), as markCompleted awards it, so a later completion in the app
// awards nothing twice. Every completion falls on a day the learner was already active in
// seed-xp.ts, at the same instant, so the streaks it promises stay as they are.
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  activity,
  course,
  courseEnrollment,
  courseModule,
  lesson,
  lessonProgress,
  quizAttempt,
  xpEvent,
} from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";
import { demoSpaceId } from "./seed-spaces.ts";

const DAY = 86_400_000;

/** The course space the demo's courses live in (seed-spaces.ts). */
export const DEMO_COURSE_SPACE_SLUG = "getting-started";

type Block =
  | { id: string; type: "markdown"; markdown: string }
  | { id: string; type: "callout"; tone: "info" | "tip" | "warning"; markdown: string }
  | {
      id: string;
      type: "quiz";
      passScore: number;
      attemptLimit: number | null;
      questions: Array<
        | {
            id: string;
            kind: "single";
            prompt: string;
            options: { id: string; text: string }[];
            correctOptionId: string;
          }
        | {
            id: string;
            kind: "multiple";
            prompt: string;
            options: { id: string; text: string }[];
            correctOptionIds: string[];
          }
        | { id: string; kind: "short"; prompt: string; acceptedAnswers: string[] }
      >;
    };

interface DemoLesson {
  key: string;
  title: string;
  subtitle: string;
  difficulty: "beginner" | "intermediate" | "advanced";
  minutes: number;
  xp: number;
  content: Block[];
}

interface DemoCourse {
  slug: string;
  title: string;
  description: string;
  modules: { title: string; lessons: DemoLesson[] }[];
}

/**
 * A demo row's id from the organization and the row's key, the same on every run: a course space
 * deleted and seeded again gets its lessons back under the ids the ledger's XP already names, so
 * no completion is awarded twice. Shaped as an RFC 4122 (version 5 style) uuid.
 */
export function demoId(organizationId: string, key: string): string {
  const hex = createHash("sha256").update(`guild-demo:${organizationId}:${key}`).digest("hex");
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const md = (id: string, markdown: string): Block => ({ id, type: "markdown", markdown });

export const demoCourses: readonly DemoCourse[] = [
  {
    slug: "community-basics",
    title: "Community basics",
    description: "How this community works, and how to get the most out of it in a week.",
    modules: [
      {
        title: "Welcome",
        lessons: [
          {
            key: "a1",
            title: "How this community works",
            subtitle: "Spaces, posts and people",
            difficulty: "beginner",
            minutes: 5,
            xp: 50,
            content: [
              md(
                "intro",
                "## Welcome\n\nThe community is organised in **spaces**: discussion spaces for " +
                  "posts, chat spaces for live talk, course spaces like this one.\n\n" +
                  "- Introduce yourself in *Introductions*\n- Read *Announcements* for news",
              ),
            ],
          },
          {
            key: "a2",
            title: "Finding your way around",
            subtitle: "The sidebar, search and notifications",
            difficulty: "beginner",
            minutes: 6,
            xp: 50,
            content: [
              md(
                "nav",
                "## The sidebar\n\nEvery space you can see is in the sidebar, grouped in " +
                  "sections. Press **Ctrl K** anywhere to jump to a space, a person or a post.",
              ),
              {
                id: "tip",
                type: "callout",
                tone: "tip",
                markdown: "Mute a busy space from its menu: it stays listed, without the noise.",
              },
            ],
          },
          {
            key: "a3",
            title: "Check your understanding",
            subtitle: "Three questions on the basics",
            difficulty: "beginner",
            minutes: 4,
            xp: 100,
            content: [
              md("lead", "Answer three questions. You need 70% to pass."),
              {
                id: "quiz",
                type: "quiz",
                passScore: 70,
                attemptLimit: null,
                questions: [
                  {
                    id: "q1",
                    kind: "single",
                    prompt: "Where do you say hello when you join?",
                    options: [
                      { id: "intro", text: "Introductions" },
                      { id: "team", text: "Team room" },
                      { id: "news", text: "Announcements" },
                    ],
                    correctOptionId: "intro",
                  },
                  {
                    id: "q2",
                    kind: "multiple",
                    prompt: "Which of these are kinds of space?",
                    options: [
                      { id: "chat", text: "Chat" },
                      { id: "course", text: "Course" },
                      { id: "inbox", text: "Inbox" },
                    ],
                    correctOptionIds: ["chat", "course"],
                  },
                  {
                    id: "q3",
                    kind: "short",
                    prompt: "Which key, with Ctrl, opens the quick jump?",
                    acceptedAnswers: ["K"],
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        title: "Taking part",
        lessons: [
          {
            key: "a4",
            title: "Writing a good first post",
            subtitle: "Say who you are and what you need",
            difficulty: "beginner",
            minutes: 8,
            xp: 50,
            content: [
              md(
                "post",
                "## A good first post\n\n1. A title that says what it is about\n" +
                  "2. What you tried, and what happened\n3. What would help you now",
              ),
            ],
          },
          {
            key: "a5",
            title: "Giving helpful feedback",
            subtitle: "Kind, specific, actionable",
            difficulty: "intermediate",
            minutes: 10,
            xp: 50,
            content: [
              md(
                "feedback",
                "Feedback helps when it is **kind**, **specific** and **actionable**: name what " +
                  "works, point at one thing to change, and suggest how.",
              ),
              {
                id: "warn",
                type: "callout",
                tone: "warning",
                markdown: "Critique the work, never the person.",
              },
            ],
          },
          {
            key: "a6",
            title: "Community quiz",
            subtitle: "Show what you learned",
            difficulty: "intermediate",
            minutes: 5,
            xp: 100,
            content: [
              {
                id: "quiz",
                type: "quiz",
                passScore: 70,
                attemptLimit: 3,
                questions: [
                  {
                    id: "q1",
                    kind: "single",
                    prompt: "Good feedback is…",
                    options: [
                      { id: "vague", text: "Short and vague" },
                      { id: "specific", text: "Kind, specific and actionable" },
                    ],
                    correctOptionId: "specific",
                  },
                  {
                    id: "q2",
                    kind: "single",
                    prompt: "A first post should end with…",
                    options: [
                      { id: "help", text: "What would help you now" },
                      { id: "bio", text: "Your life story" },
                    ],
                    correctOptionId: "help",
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    slug: "learning-in-public",
    title: "Learning in public",
    description: "Build a habit of sharing what you learn, and get better faster for it.",
    modules: [
      {
        title: "Habits",
        lessons: [
          {
            key: "b1",
            title: "Why learn in public",
            subtitle: "Feedback loops and accountability",
            difficulty: "beginner",
            minutes: 7,
            xp: 50,
            content: [
              md(
                "why",
                "Sharing what you learn brings **feedback** sooner and keeps you going: people " +
                  "notice when your weekly note does not come.",
              ),
            ],
          },
          {
            key: "b2",
            title: "A daily streak",
            subtitle: "Small steps every day",
            difficulty: "beginner",
            minutes: 6,
            xp: 50,
            content: [
              md(
                "streak",
                "A lesson a day keeps a **streak** alive. Your streak counts days in your own " +
                  "time zone.",
              ),
              {
                id: "info",
                type: "callout",
                tone: "info",
                markdown: "Set your time zone in your profile so midnight is your midnight.",
              },
            ],
          },
          {
            key: "b3",
            title: "Habits quiz",
            subtitle: "Two questions",
            difficulty: "intermediate",
            minutes: 3,
            xp: 100,
            content: [
              {
                id: "quiz",
                type: "quiz",
                passScore: 50,
                attemptLimit: null,
                questions: [
                  {
                    id: "q1",
                    kind: "single",
                    prompt: "What keeps a streak alive?",
                    options: [
                      { id: "lesson", text: "A lesson completed that day" },
                      { id: "login", text: "Signing in" },
                    ],
                    correctOptionId: "lesson",
                  },
                  {
                    id: "q2",
                    kind: "short",
                    prompt: "Whose time zone counts for your streak? (one word)",
                    acceptedAnswers: ["mine", "yours", "my own"],
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        title: "Sharing work",
        lessons: [
          {
            key: "b4",
            title: "Your weekly note",
            subtitle: "What you learned, what is next",
            difficulty: "intermediate",
            minutes: 12,
            xp: 50,
            content: [
              md(
                "note",
                "## The weekly note\n\nThree headings: *Learned*, *Stuck on*, *Next*. Post it " +
                  "in Introductions on Fridays.",
              ),
            ],
          },
          {
            key: "b5",
            title: "Final check",
            subtitle: "Are you ready to share?",
            difficulty: "advanced",
            minutes: 5,
            xp: 100,
            content: [
              {
                id: "quiz",
                type: "quiz",
                passScore: 100,
                attemptLimit: 2,
                questions: [
                  {
                    id: "q1",
                    kind: "multiple",
                    prompt: "Which headings does the weekly note have?",
                    options: [
                      { id: "learned", text: "Learned" },
                      { id: "stuck", text: "Stuck on" },
                      { id: "next", text: "Next" },
                      { id: "blame", text: "Whose fault" },
                    ],
                    correctOptionIds: ["learned", "stuck", "next"],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];

/** The browsers the demo's people use, in demoUsers order. */
const demoUserAgents = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
];

/** A learner's step in a lesson, days ago (on a day seed-xp.ts already made active). */
type Step =
  | { lesson: string; completedDay: number; attempts?: { day: number; score: number }[] }
  | { lesson: string; openedDay: number; attempts?: { day: number; score: number }[] };

interface DemoLearning {
  /** By course slug: the day they enrolled, and their steps. */
  courses: Record<string, { enrolledDay: number; steps: Step[] }>;
}

/**
 * In seed.ts's demoUsers order. The owner finished Community basics (one failed try at its last
 * quiz first) and is half through Learning in public; the admin is in both; Mia is stuck at the
 * first quiz after two failed tries.
 */
export const demoLearning: readonly DemoLearning[] = [
  {
    courses: {
      "community-basics": {
        enrolledDay: 30,
        steps: [
          { lesson: "a1", completedDay: 30 },
          { lesson: "a2", completedDay: 29 },
          { lesson: "a3", completedDay: 28, attempts: [{ day: 28, score: 100 }] },
          { lesson: "a4", completedDay: 26 },
          { lesson: "a5", completedDay: 25 },
          {
            lesson: "a6",
            completedDay: 24,
            attempts: [
              { day: 24, score: 50 },
              { day: 24, score: 100 },
            ],
          },
        ],
      },
      "learning-in-public": {
        enrolledDay: 10,
        steps: [
          { lesson: "b1", completedDay: 10 },
          { lesson: "b2", completedDay: 8 },
          { lesson: "b3", completedDay: 5, attempts: [{ day: 5, score: 100 }] },
          { lesson: "b4", openedDay: 1 },
        ],
      },
    },
  },
  {
    courses: {
      "community-basics": {
        enrolledDay: 31,
        steps: [
          { lesson: "a1", completedDay: 31 },
          { lesson: "a2", completedDay: 25 },
          { lesson: "a3", completedDay: 17, attempts: [{ day: 17, score: 100 }] },
          { lesson: "a4", completedDay: 12 },
          { lesson: "a5", openedDay: 3 },
        ],
      },
      "learning-in-public": {
        enrolledDay: 9,
        steps: [
          { lesson: "b1", completedDay: 9 },
          { lesson: "b2", openedDay: 2 },
        ],
      },
    },
  },
  {
    courses: {
      "community-basics": {
        enrolledDay: 35,
        steps: [
          { lesson: "a1", completedDay: 35 },
          { lesson: "a2", completedDay: 27 },
          {
            lesson: "a3",
            openedDay: 11,
            attempts: [
              { day: 19, score: 33 },
              { day: 11, score: 66 },
            ],
          },
        ],
      },
    },
  },
];

/** A quiz's answers that score what the demo says (right answers first, then wrong ones). */
function answersScoring(quiz: Extract<Block, { type: "quiz" }>, score: number) {
  const right = Math.round((score * quiz.questions.length) / 100);
  return quiz.questions.map((q, i) => {
    const correct = i < right;
    if (q.kind === "short")
      return {
        questionId: q.id,
        optionIds: [],
        text: correct ? (q.acceptedAnswers[0] ?? "") : "?",
      };
    const good = q.kind === "single" ? [q.correctOptionId] : q.correctOptionIds;
    const wrong = q.options.find((o) => !good.includes(o.id))?.id;
    return { questionId: q.id, optionIds: correct ? good : wrong ? [wrong] : [], text: "" };
  });
}

export async function hasDemoCourses(scope: TenantScope): Promise<boolean> {
  const [row] = await scope.db
    .select({ id: course.id })
    .from(course)
    .where(
      and(
        eq(course.organizationId, scope.organizationId),
        inArray(
          course.slug,
          demoCourses.map((c) => c.slug),
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Adds the demo's courses and the demo people's learning in them, if the demo has its course
 * space and none of them yet; true if it added them. `now` places the days ago.
 */
export async function seedDemoCourses(
  scope: TenantScope,
  memberIds: readonly string[],
  now: Date,
): Promise<boolean> {
  const organizationId = scope.organizationId;
  if (await hasDemoCourses(scope)) return false;
  const spaceId = await demoSpaceId(scope, DEMO_COURSE_SPACE_SLUG, "course");
  if (!spaceId) return false;
  // The same instant as seed-xp.ts's event that day, minus a few milliseconds per step, so
  // several steps in a day keep their order and stay on that local day.
  const at = (daysAgo: number, step = 0) => new Date(now.getTime() - daysAgo * DAY - 60_000 - step);
  const published = at(45);
  const lessons = new Map<
    string,
    { id: string; courseId: string; xp: number; quiz: Extract<Block, { type: "quiz" }> | null }
  >();
  const courseIds = new Map<string, string>();
  const courseRows: (typeof course.$inferInsert)[] = [];
  const moduleRows: (typeof courseModule.$inferInsert)[] = [];
  const lessonRows: (typeof lesson.$inferInsert)[] = [];
  for (const [position, demo] of demoCourses.entries()) {
    const courseId = demoId(organizationId, `course:${demo.slug}`);
    courseIds.set(demo.slug, courseId);
    courseRows.push({
      organizationId,
      spaceId,
      id: courseId,
      slug: demo.slug,
      title: demo.title,
      description: demo.description,
      status: "published",
      access: "free",
      position,
      publishedAt: published,
      createdByMemberId: memberIds[0] ?? null,
      createdAt: published,
    });
    for (const [modulePosition, mod] of demo.modules.entries()) {
      const moduleId = demoId(organizationId, `module:${demo.slug}:${modulePosition}`);
      moduleRows.push({
        organizationId,
        spaceId,
        id: moduleId,
        courseId,
        title: mod.title,
        position: modulePosition,
      });
      for (const [lessonPosition, item] of mod.lessons.entries()) {
        const lessonId = demoId(organizationId, `lesson:${item.key}`);
        const quiz = item.content.find((b) => b.type === "quiz") ?? null;
        lessons.set(item.key, {
          id: lessonId,
          courseId,
          xp: item.xp,
          quiz: quiz?.type === "quiz" ? quiz : null,
        });
        lessonRows.push({
          organizationId,
          spaceId,
          id: lessonId,
          courseId,
          moduleId,
          title: item.title,
          subtitle: item.subtitle,
          difficulty: item.difficulty,
          estimatedMinutes: item.minutes,
          xpReward: item.xp,
          status: "published",
          freePreview: item.key === "a1" || item.key === "b1",
          content: item.content,
          position: lessonPosition,
        });
      }
    }
  }
  await scope.db.insert(course).values(courseRows);
  await scope.db.insert(courseModule).values(moduleRows);
  await scope.db.insert(lesson).values(lessonRows);

  const enrollments: (typeof courseEnrollment.$inferInsert)[] = [];
  const progress: (typeof lessonProgress.$inferInsert)[] = [];
  const attempts: (typeof quizAttempt.$inferInsert)[] = [];
  const xp: (typeof xpEvent.$inferInsert)[] = [];
  // The learning activity log's view of it (the API's services/activity-log.ts): a sign-in on
  // each day of learning, then the attempts and completions, from a documentation address.
  const log: (typeof activity.$inferInsert)[] = [];
  const signedIn = new Set<string>();
  const logEntry = (
    memberId: string,
    i: number,
    day: number,
    createdAt: Date,
    entry: Pick<typeof activity.$inferInsert, "action" | "targetType" | "targetId" | "changes">,
  ) => {
    const sessionId = demoId(organizationId, `session:${memberId}:${day}`);
    const request = {
      ip: `192.0.2.${10 + i}`,
      userAgent: demoUserAgents[i % demoUserAgents.length] ?? null,
      sessionId,
    };
    if (!signedIn.has(sessionId)) {
      signedIn.add(sessionId);
      log.push({
        organizationId,
        createdAt: new Date(createdAt.getTime() - 15 * 60_000),
        actorKind: "member",
        actorMemberId: memberId,
        action: "member.signed_in",
        targetType: "session",
        targetId: sessionId,
        ...request,
      });
    }
    log.push({
      organizationId,
      createdAt,
      actorKind: "member",
      actorMemberId: memberId,
      ...entry,
      ...request,
    });
  };
  for (const [i, memberId] of memberIds.entries()) {
    const learning = demoLearning[i];
    if (!learning) continue;
    for (const [slug, plan] of Object.entries(learning.courses)) {
      const courseId = courseIds.get(slug);
      if (!courseId) continue;
      const courseLessons = demoCourses
        .find((c) => c.slug === slug)
        ?.modules.flatMap((m) => m.lessons.map((l) => l.key));
      let lastLesson: string | null = null;
      let lastDay = plan.enrolledDay;
      let completedDay: number | null = null;
      for (const [n, step] of plan.steps.entries()) {
        const target = lessons.get(step.lesson);
        if (!target) continue;
        const day = "completedDay" in step ? step.completedDay : step.openedDay;
        const tries = step.attempts ?? [];
        const scores = tries.map((a) => a.score);
        const completed = "completedDay" in step;
        // Minutes spent: the lesson's estimate, more for the later of several tries.
        const minutes =
          (demoCourses
            .flatMap((c) => c.modules.flatMap((m) => m.lessons))
            .find((l) => l.key === step.lesson)?.minutes ?? 5) *
          (completed ? 1 : 0.5) *
          Math.max(1, tries.length);
        progress.push({
          organizationId,
          spaceId,
          courseId,
          lessonId: target.id,
          memberId,
          status: completed ? "completed" : "in_progress",
          score: scores.length > 0 ? Math.max(...scores) : null,
          lastScore: scores.at(-1) ?? null,
          attempts: tries.length,
          timeSpentSeconds: Math.round(minutes * 60 + (i + 1) * 37),
          lastSeenAt: at(day, n),
          completedAt: completed ? at(day, n) : null,
          createdAt: at(Math.max(day, tries[0]?.day ?? day), n + 10),
        });
        for (const [t, attempt] of tries.entries()) {
          if (!target.quiz) continue;
          logEntry(memberId, i, attempt.day, at(attempt.day, n + 5 - t), {
            action: "quiz.submitted",
            targetType: "lesson",
            targetId: target.id,
            changes: {
              score: { from: null, to: attempt.score },
              passed: { from: null, to: attempt.score >= target.quiz.passScore },
            },
          });
          attempts.push({
            organizationId,
            spaceId,
            courseId,
            lessonId: target.id,
            memberId,
            answers: answersScoring(target.quiz, attempt.score),
            score: attempt.score,
            passed: attempt.score >= target.quiz.passScore,
            createdAt: at(attempt.day, n + 5 - t),
          });
        }
        if (completed) {
          logEntry(memberId, i, day, at(day, n), {
            action: "lesson.completed",
            targetType: "lesson",
            targetId: target.id,
          });
          xp.push({
            organizationId,
            memberId,
            kind: "lesson",
            sourceId: target.id,
            amount: target.xp,
            occurredAt: at(day, n),
          });
        }
        lastLesson = step.lesson;
        lastDay = day;
        const done = plan.steps.filter((s) => "completedDay" in s).map((s) => s.lesson);
        if (courseLessons?.every((key) => done.includes(key)) && completed) completedDay = day;
      }
      enrollments.push({
        organizationId,
        spaceId,
        courseId,
        memberId,
        lastLessonId: lastLesson ? (lessons.get(lastLesson)?.id ?? null) : null,
        lastOpenedAt: at(lastDay),
        completedAt: completedDay === null ? null : at(completedDay),
        createdAt: at(plan.enrolledDay, 20),
      });
    }
  }
  if (enrollments.length > 0) await scope.db.insert(courseEnrollment).values(enrollments);
  if (progress.length > 0) await scope.db.insert(lessonProgress).values(progress);
  if (attempts.length > 0) await scope.db.insert(quizAttempt).values(attempts);
  if (xp.length > 0) await scope.db.insert(xpEvent).values(xp).onConflictDoNothing();
  if (log.length > 0) await scope.db.insert(activity).values(log);
  return true;
}

/**
 * The XP of the demo's completed course lessons, from their progress rows (kind "lesson", the
 * lesson's id, at the completion): for a demo whose ledger was emptied and refilled, so its
 * totals are again what the courses say. Adds nothing that is there.
 */
export async function awardDemoCourseXp(scope: TenantScope): Promise<void> {
  await scope.db.execute(sql`
    insert into ${xpEvent} (organization_id, member_id, kind, source_id, amount, occurred_at)
    select p.organization_id, p.member_id, 'lesson', p.lesson_id::text, l.xp_reward, p.completed_at
    from ${lessonProgress} p
    join ${lesson} l on l.organization_id = p.organization_id and l.id = p.lesson_id
    join ${course} c on c.organization_id = l.organization_id and c.id = l.course_id
    where p.organization_id = ${scope.organizationId} and p.status = 'completed'
      and l.xp_reward > 0
      and c.slug in (${sql.join(
        demoCourses.map((c) => sql`${c.slug}`),
        sql`, `,
      )})
    on conflict do nothing`);
}
