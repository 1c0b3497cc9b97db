import type { RouterOutputs } from "@guild/api";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { Markdown } from "../../components/markdown.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { accentVariables } from "../../lib/accent.ts";
import { isNotFound } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useSession } from "../auth/session.ts";
import { difficultyLabels, minutesText } from "../course-studio/course-labels.ts";
import { videoEmbedUrl } from "../learning/video-embed.ts";
import { VideoFrame } from "../learning/video-frame.tsx";
import {
  accentButton,
  courseAccessWords,
  FrontDoorShell,
  FrontDoorWaiting,
  type Interval,
  intervals,
  isFree,
  priceLabel,
} from "./front-door-parts.tsx";

type Page = RouterOutputs["publicCourse"]["get"];
type Lesson = Page["modules"][number]["lessons"][number];
type PreviewBlock = RouterOutputs["publicCourse"]["lesson"]["content"][number];

const linkClass =
  "font-medium text-accent-foreground underline underline-offset-4 hover:no-underline";

/**
 * A course's public page (/c/:slug/courses/:courseId), to sell it: its outline with each
 * lesson's level, difficulty and time, who may take it and at what price, the way in, and its
 * free preview lessons (?lesson=) readable by anyone. A member is sent to the course itself.
 */
export function PublicCoursePage({
  slug,
  courseId,
  lessonId,
}: {
  slug: string;
  courseId: string;
  lessonId: string | null;
}) {
  const trpc = useTRPC();
  const page = useQuery(trpc.publicCourse.get.queryOptions({ slug, courseId }));
  if (!page.data) return <FrontDoorWaiting query={page} notFound="Course not found" />;
  const data = page.data;
  return (
    <FrontDoorShell style={accentVariables(data.organization.accentColor)}>
      <header className="flex flex-col gap-3 rounded-lg bg-[var(--org-accent,var(--color-muted))] p-6 text-[var(--org-accent-foreground,var(--color-foreground))]">
        <Link
          to="/c/$slug"
          params={{ slug: data.organization.slug }}
          search={{ join: undefined, interval: undefined, checkout: undefined }}
          className="self-start text-sm font-medium underline underline-offset-4 hover:no-underline wrap-anywhere"
        >
          {data.organization.name}
        </Link>
        <h1 className="text-2xl font-semibold wrap-anywhere">{data.course.title}</h1>
        {data.course.description && (
          <p className="whitespace-pre-line text-sm">{data.course.description}</p>
        )}
        <p className="text-sm">
          {data.course.spaceName} · {courseAccessWords[data.course.access]}
        </p>
      </header>
      {lessonId ? (
        <PreviewLesson page={data} lessonId={lessonId} />
      ) : (
        <>
          <TakeTheCourse page={data} />
          <Outline page={data} />
        </>
      )}
    </FrontDoorShell>
  );
}

function Outline({ page }: { page: Page }) {
  const lessons = page.modules.reduce((n, m) => n + m.lessons.length, 0);
  return (
    <section aria-labelledby="outline-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="outline-heading" className="text-lg font-semibold text-foreground">
          Outline
        </h2>
        <p className="text-sm text-muted-foreground">
          {page.modules.length} {page.modules.length === 1 ? "module" : "modules"}, {lessons}{" "}
          {lessons === 1 ? "lesson" : "lessons"}
        </p>
      </div>
      {page.modules.length === 0 ? (
        <p className="text-sm text-muted-foreground">The lessons are on their way.</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {page.modules.map((part, index) => (
            <li key={part.id} className="rounded-lg border border-border bg-surface p-4">
              <h3 className="font-semibold text-foreground wrap-anywhere">
                {index + 1}. {part.title}
              </h3>
              <ol className="mt-2 divide-y divide-border">
                {part.lessons.map((lesson) => (
                  <OutlineLesson key={lesson.id} page={page} lesson={lesson} />
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function lessonFacts(
  lesson: Pick<Lesson, "level" | "difficulty" | "estimatedMinutes"> & { hasQuiz?: boolean },
) {
  return [
    `Level ${lesson.level}`,
    difficultyLabels[lesson.difficulty],
    lesson.estimatedMinutes ? minutesText(lesson.estimatedMinutes) : null,
    lesson.hasQuiz ? "Quiz" : null,
  ]
    .filter((fact): fact is string => fact !== null)
    .join(" · ");
}

function OutlineLesson({ page, lesson }: { page: Page; lesson: Lesson }) {
  return (
    <li className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
      <div className="min-w-0">
        <p className="text-sm font-medium text-foreground wrap-anywhere">{lesson.title}</p>
        {lesson.subtitle && (
          <p className="text-sm text-muted-foreground wrap-anywhere">{lesson.subtitle}</p>
        )}
        <p className="text-xs text-muted-foreground">{lessonFacts(lesson)}</p>
      </div>
      {lesson.freePreview ? (
        <Link
          to="/c/$slug/courses/$courseId"
          params={{ slug: page.organization.slug, courseId: page.course.id }}
          search={{ lesson: lesson.id }}
          aria-label={`Free preview: ${lesson.title}`}
          className={`shrink-0 text-sm ${linkClass}`}
        >
          Free preview
        </Link>
      ) : (
        <span className="shrink-0 text-xs text-muted-foreground">For members</span>
      )}
    </li>
  );
}

/** Where a join choice goes: through sign-up for a visitor, then the public page confirms it. */
function JoinLink({
  page,
  join,
  interval,
  children,
}: {
  page: Page;
  join: string;
  interval?: Interval;
  children: React.ReactNode;
}) {
  const session = useSession();
  const slug = page.organization.slug;
  if (session.data)
    return (
      <Link
        to="/c/$slug"
        params={{ slug }}
        search={{ join, interval, checkout: undefined }}
        className={accentButton}
      >
        {children}
      </Link>
    );
  const params = new URLSearchParams({ join });
  if (interval) params.set("interval", interval);
  return (
    <Link
      to="/sign-up"
      search={{ redirect: `/c/${encodeURIComponent(slug)}?${params.toString()}` }}
      className={accentButton}
    >
      {children}
    </Link>
  );
}

/** Who may take the course, what it costs, and the way in for this viewer. */
function TakeTheCourse({ page }: { page: Page }) {
  const headingId = useId();
  const session = useSession();
  const { organization: org, course } = page;
  const standing = page.viewer?.standing ?? null;
  const here = `/c/${encodeURIComponent(org.slug)}/courses/${encodeURIComponent(course.id)}`;
  let body: React.ReactNode;
  if (standing === "member" && page.viewer?.spaceSlug)
    body = (
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-foreground">You are a member of {org.name}.</p>
        <ButtonLink
          to="/o/$slug/s/$spaceSlug/courses/$courseId"
          params={{ slug: org.slug, spaceSlug: page.viewer.spaceSlug, courseId: course.id }}
        >
          Open the course
        </ButtonLink>
      </div>
    );
  else if (standing === "pending")
    body = (
      <p role="status" className="text-sm text-foreground">
        Your request to join {org.name} is waiting for an admin.
      </p>
    );
  else if (standing === "banned")
    body = <p className="text-sm text-foreground">You cannot join {org.name}.</p>;
  else if (org.joinPolicy === "invitation")
    body = (
      <p className="text-sm text-foreground">
        {org.name} takes new members by invitation only. Ask someone in it to invite you.
      </p>
    );
  else if (course.access === "tier" && org.joinPolicy === "open")
    body =
      page.tiers.length === 0 ? (
        <p className="text-sm text-muted-foreground">This course is not on sale at the moment.</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {page.tiers.map((tier) => (
            <li
              key={tier.id}
              className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-4"
            >
              <h3 className="font-semibold text-foreground wrap-anywhere">{tier.name}</h3>
              {tier.description && (
                <p className="text-sm text-muted-foreground">{tier.description}</p>
              )}
              {tier.trialDays > 0 && (
                <p className="text-sm text-muted-foreground">{tier.trialDays}-day free trial</p>
              )}
              <div className="mt-auto flex flex-wrap gap-2">
                {isFree(tier) ? (
                  <JoinLink page={page} join={tier.id}>
                    Join free with {tier.name}
                  </JoinLink>
                ) : (
                  intervals.map((interval) => {
                    const label = priceLabel(tier, interval);
                    return label ? (
                      <JoinLink key={interval} page={page} join={tier.id} interval={interval}>
                        Join for {label}
                      </JoinLink>
                    ) : null;
                  })
                )}
              </div>
            </li>
          ))}
        </ul>
      );
  else
    body = (
      <div className="flex flex-col items-start gap-2">
        <p className="text-sm text-muted-foreground">
          {course.access === "grant"
            ? `Members of ${org.name} take this course once an admin opens it to them.`
            : course.access === "tier"
              ? `Members of ${org.name} take this course with ${page.tiers.map((t) => t.name).join(" or ") || "a member tier"}.`
              : `Free for every member of ${org.name}.`}
          {org.joinPolicy === "approval" && " An admin approves new members."}
        </p>
        <JoinLink page={page} join="free">
          {org.joinPolicy === "approval" ? `Ask to join ${org.name}` : `Join ${org.name}`}
        </JoinLink>
      </div>
    );
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-lg font-semibold text-foreground">
        {standing === "member" ? "Welcome back" : "Take this course"}
      </h2>
      {body}
      {!session.data && (
        <p className="text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link to="/sign-in" search={{ redirect: here }} className={linkClass}>
            Sign in
          </Link>
        </p>
      )}
    </section>
  );
}

function PreviewLesson({ page, lessonId }: { page: Page; lessonId: string }) {
  const trpc = useTRPC();
  const lesson = useQuery(
    trpc.publicCourse.lesson.queryOptions({
      slug: page.organization.slug,
      courseId: page.course.id,
      lessonId,
    }),
  );
  const back = (
    <Link
      to="/c/$slug/courses/$courseId"
      params={{ slug: page.organization.slug, courseId: page.course.id }}
      search={{ lesson: undefined }}
      className={`self-start text-sm ${linkClass}`}
    >
      Back to the outline
    </Link>
  );
  if (lesson.isPending) return <LoadingState label="Loading the lesson…" />;
  if (lesson.error)
    return (
      <div className="flex flex-col gap-3">
        {isNotFound(lesson.error) ? (
          <NotFound title="This lesson is not a free preview" />
        ) : (
          <ErrorState error={lesson.error} onRetry={() => void lesson.refetch()} />
        )}
        {back}
      </div>
    );
  const data = lesson.data;
  return (
    <>
      <article aria-labelledby="preview-heading" className="flex flex-col gap-4">
        {back}
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">
            Free preview
          </p>
          <h2 id="preview-heading" className="text-xl font-semibold text-foreground wrap-anywhere">
            {data.title}
          </h2>
          {data.subtitle && <p className="text-sm text-muted-foreground">{data.subtitle}</p>}
          <p className="text-xs text-muted-foreground">{lessonFacts(data)}</p>
        </div>
        <div className="flex flex-col gap-6">
          {data.content.map((block) => (
            <PreviewBlockView key={block.id} block={block} />
          ))}
        </div>
      </article>
      <TakeTheCourse page={page} />
    </>
  );
}

const calloutTones = { info: "Note", tip: "Tip", warning: "Warning" } as const;

function PreviewBlockView({ block }: { block: PreviewBlock }) {
  const membersOnly = "rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground";
  switch (block.type) {
    case "markdown":
      return <Markdown>{block.markdown}</Markdown>;
    case "callout":
      return (
        <aside className="rounded-md border border-border bg-surface px-4 py-3">
          <p className="text-sm font-semibold text-foreground">{calloutTones[block.tone]}</p>
          <Markdown>{block.markdown}</Markdown>
        </aside>
      );
    case "video": {
      const embed = videoEmbedUrl(block.url);
      return embed ? (
        <VideoFrame embed={embed} />
      ) : (
        <a
          href={block.url}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className={linkClass}
        >
          Watch the video<span className="sr-only"> (opens in a new tab)</span>
        </a>
      );
    }
    case "image":
      return (
        <p className={membersOnly}>
          An image{block.alt ? ` (${block.alt})` : ""}: members see it once they join.
        </p>
      );
    case "file":
      return (
        <p className={membersOnly}>
          A file{block.label ? ` (${block.label})` : ""} for members to download.
        </p>
      );
    default:
      return (
        <p className={membersOnly}>
          A quiz of {block.questionCount} {block.questionCount === 1 ? "question" : "questions"}:
          join to take it.
        </p>
      );
  }
}
