// A live session on its event page (issue 13 §2): what it belongs to (a course or lesson), its
// type and level, the join and leave buttons (the server decides who may join and when: this
// only shows what liveSession.get says), feedback after it, the recording, and for its hosts the
// settings and a link to the attendance statistics. Plain events show nothing unless the caller
// hosts them (who may make one a live session here).
import type { RouterOutputs } from "@guild/api";
import { feedbackInput, sessionTypeLabels } from "@guild/api/schemas/live-session";
import { type EventSessionType, eventSessionTypes } from "@guild/db/enums";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { useLinkOptions, useLiveSession, useLiveSessionMutations } from "./use-live-session.ts";

type Session = RouterOutputs["liveSession"]["get"];

export function LiveSessionPanel({
  eventId,
  slug,
  spaceSlug,
}: {
  eventId: string;
  slug: string;
  spaceSlug: string;
}) {
  const session = useLiveSession(eventId);
  if (session.isPending) return <LoadingState label="Loading the session…" />;
  if (session.error)
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const data = session.data;
  if (!data.isLiveSession && !data.isHost) return null;
  return (
    <Card
      title="Live session"
      description={data.sessionType ? sessionTypeLabels[data.sessionType] : undefined}
      actions={
        data.isHost ? (
          <Link
            to="/o/$slug/s/$spaceSlug/events/$eventId/attendance"
            params={{ slug, spaceSlug, eventId }}
            className="text-sm font-medium text-accent-foreground underline-offset-2 hover:underline"
          >
            Attendance and feedback
          </Link>
        ) : undefined
      }
    >
      <div className="space-y-4">
        <SessionFacts session={data} slug={slug} />
        <Attendance session={data} />
        {data.recordingUrl && (
          <p className="text-sm">
            <a
              href={data.recordingUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="font-medium text-accent-foreground underline underline-offset-2"
            >
              Watch the recording
            </a>
          </p>
        )}
        {data.canGiveFeedback && <FeedbackForm eventId={eventId} />}
        {data.me?.feedback && (
          <p className="text-sm text-muted-foreground">
            You rated this session {data.me.feedback.rating} out of 5
            {data.me.feedback.comment ? `: “${data.me.feedback.comment}”` : "."}
          </p>
        )}
        {data.isHost && data.phase === "ended" && <RecordingForm session={data} />}
        {data.isHost && <SettingsForm session={data} />}
      </div>
    </Card>
  );
}

function SessionFacts({ session, slug }: { session: Session; slug: string }) {
  const { course, lesson, minLevel, lock } = session;
  return (
    <div className="space-y-1 text-sm text-foreground">
      {lesson && course ? (
        <p>
          Part of the lesson{" "}
          <Link
            to="/o/$slug/s/$spaceSlug/courses/$courseId/lessons/$lessonId"
            params={{ slug, spaceSlug: lesson.spaceSlug, courseId: course.id, lessonId: lesson.id }}
            className="font-medium text-accent-foreground underline underline-offset-2"
          >
            {lesson.title}
          </Link>{" "}
          of {course.title}
        </p>
      ) : course ? (
        <p>
          Part of the course{" "}
          <Link
            to="/o/$slug/s/$spaceSlug/courses/$courseId"
            params={{ slug, spaceSlug: course.spaceSlug, courseId: course.id }}
            className="font-medium text-accent-foreground underline underline-offset-2"
          >
            {course.title}
          </Link>
        </p>
      ) : null}
      {minLevel !== null && <p>For level {minLevel} and up.</p>}
      {lock && (
        <p role="status" className="font-medium text-warning">
          {lock.message}.
        </p>
      )}
    </div>
  );
}

function Attendance({ session }: { session: Session }) {
  const { join, leave } = useLiveSessionMutations();
  const [link, setLink] = useState<string | null>(null);
  const me = session.me;
  const inSession = me?.joinedAt && !me.leftAt && session.phase === "open";
  const onJoin = () =>
    join.mutate(
      { eventId: session.eventId },
      {
        onSuccess: (answer) => {
          setLink(answer.onlineUrl);
          if (answer.xpAwarded > 0) toast.success(`+${answer.xpAwarded} XP for attending`);
        },
        onError: (error) => toast.error(errorMessage(error)),
      },
    );
  const onLeave = () =>
    leave.mutate(
      { eventId: session.eventId },
      {
        onSuccess: () => setLink(null),
        onError: (error) => toast.error(errorMessage(error)),
      },
    );
  return (
    <div className="space-y-2">
      {session.phase === "upcoming" && (
        <p className="text-sm text-muted-foreground">
          Joining opens at {formatDateTime(session.joinOpensAt)}.
        </p>
      )}
      {session.phase === "ended" && (
        <p className="text-sm text-muted-foreground">
          This session has ended.
          {me?.attendance === "attended" && " You attended."}
          {me?.attendance === "missed" && " You missed it."}
        </p>
      )}
      {session.phase === "cancelled" && (
        <p className="text-sm text-muted-foreground">This session was cancelled.</p>
      )}
      {session.phase === "open" && (
        <div className="flex flex-wrap items-center gap-3">
          {inSession ? (
            <>
              <span className="text-sm text-foreground">
                You joined at {formatDateTime(me.joinedAt ?? session.startsAt)}.
              </span>
              <Button variant="secondary" pending={leave.isPending} onClick={onLeave}>
                Leave session
              </Button>
            </>
          ) : session.canJoin ? (
            <Button pending={join.isPending} onClick={onJoin}>
              Join session
            </Button>
          ) : !session.lock ? (
            <span className="text-sm text-muted-foreground">
              Answer Going to join this session.
            </span>
          ) : null}
          {!me?.joinedAt && session.canJoin && (
            <span className="text-xs text-muted-foreground">
              Attending earns {session.xpForAttending} XP.
            </span>
          )}
        </div>
      )}
      {link && (
        <p className="text-sm">
          <a
            href={link}
            target="_blank"
            rel="noopener noreferrer"
            className="font-medium text-accent-foreground underline underline-offset-2"
          >
            Open the session
          </a>
        </p>
      )}
    </div>
  );
}

function FeedbackForm({ eventId }: { eventId: string }) {
  const { feedback } = useLiveSessionMutations();
  const fields = useFieldErrors(feedback.error);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const checked = feedbackInput.safeParse({ eventId, rating: rating ?? undefined, comment });
    if (!checked.success) {
      fields.submitted({ rating: ["Choose a rating from 1 to 5"] });
      return;
    }
    fields.submitted({});
    feedback.mutate(checked.data, { onSuccess: () => toast.success("Thanks for your feedback.") });
  };
  const ratingError = fields.errors.rating;
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Feedback">
      <fieldset aria-describedby={ratingError ? "rating-error" : undefined}>
        <legend className="text-sm font-medium text-foreground">How was this session?</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {[1, 2, 3, 4, 5].map((value) => (
            <label
              key={value}
              className="flex cursor-pointer items-center gap-1.5 rounded-md px-3 py-1.5 text-sm ring-1 ring-input ring-inset has-checked:bg-primary has-checked:text-primary-foreground has-focus-visible:ring-2 has-focus-visible:ring-ring"
            >
              <input
                type="radio"
                name="rating"
                value={value}
                checked={rating === value}
                onChange={() => {
                  setRating(value);
                  fields.changedField("rating");
                }}
                className="sr-only"
              />
              {value}
              <span className="sr-only"> out of 5</span>
            </label>
          ))}
        </div>
        {ratingError && (
          <p id="rating-error" className="mt-1 text-sm text-danger">
            {ratingError[0]}
          </p>
        )}
      </fieldset>
      <TextareaField
        label="Comment (optional)"
        rows={3}
        value={comment}
        error={fields.errors.comment}
        onChange={(e) => {
          setComment(e.target.value);
          fields.changedField("comment");
        }}
      />
      {feedback.error && Object.keys(fields.serverErrors).length === 0 && (
        <FormAlert>{errorMessage(feedback.error)}</FormAlert>
      )}
      <Button type="submit" pending={feedback.isPending}>
        Send feedback
      </Button>
    </form>
  );
}

function RecordingForm({ session }: { session: Session }) {
  const { setRecording } = useLiveSessionMutations();
  const fields = useFieldErrors(setRecording.error);
  const [url, setUrl] = useState(session.recordingUrl ?? "");
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    fields.submitted({});
    setRecording.mutate(
      { eventId: session.eventId, recordingUrl: url.trim() === "" ? null : url },
      { onSuccess: () => toast.success("Recording saved.") },
    );
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
      <TextField
        label="Recording address"
        type="url"
        inputMode="url"
        className="min-w-0 flex-1"
        value={url}
        placeholder="https://"
        error={fields.errors.recordingUrl}
        onChange={(e) => {
          setUrl(e.target.value);
          fields.changedField("recordingUrl");
        }}
      />
      <Button type="submit" variant="secondary" pending={setRecording.isPending}>
        Save recording
      </Button>
      {setRecording.error && Object.keys(fields.serverErrors).length === 0 && (
        <FormAlert>{errorMessage(setRecording.error)}</FormAlert>
      )}
    </form>
  );
}

const isSessionType = (value: string): value is EventSessionType =>
  (eventSessionTypes as readonly string[]).includes(value);

function SettingsForm({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const options = useLinkOptions(open);
  const { configure } = useLiveSessionMutations();
  const fields = useFieldErrors(configure.error);
  const [sessionType, setSessionType] = useState<string>(session.sessionType ?? "");
  const [minLevel, setMinLevel] = useState(session.minLevel ? String(session.minLevel) : "");
  const [courseId, setCourseId] = useState(session.settings?.courseId ?? "");
  const [lessonId, setLessonId] = useState(session.settings?.lessonId ?? "");
  const lessons = options.data?.find((c) => c.id === courseId)?.lessons ?? [];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const level = minLevel.trim() === "" ? null : Number(minLevel);
    if (level !== null && (!Number.isInteger(level) || level < 1)) {
      fields.submitted({ minLevel: ["Enter a whole number of at least 1"] });
      return;
    }
    fields.submitted({});
    configure.mutate(
      {
        eventId: session.eventId,
        sessionType: isSessionType(sessionType) ? sessionType : null,
        minLevel: level,
        courseId: courseId || null,
        lessonId: lessonId || null,
      },
      { onSuccess: () => toast.success("Session settings saved.") },
    );
  };
  return (
    <details
      className="rounded-md border border-border px-3 py-2"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="cursor-pointer text-sm font-medium text-foreground">
        Session settings
      </summary>
      <form onSubmit={onSubmit} className="mt-3 grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Session type"
          value={sessionType}
          error={fields.errors.sessionType}
          onChange={(e) => setSessionType(e.target.value)}
        >
          <option value="">Not a live session</option>
          {eventSessionTypes.map((type) => (
            <option key={type} value={type}>
              {sessionTypeLabels[type]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Minimum level to join"
          inputMode="numeric"
          value={minLevel}
          placeholder="Anyone"
          error={fields.errors.minLevel}
          onChange={(e) => {
            setMinLevel(e.target.value);
            fields.changedField("minLevel");
          }}
        />
        <SelectField
          label="Course"
          value={courseId}
          error={fields.errors.courseId}
          onChange={(e) => {
            setCourseId(e.target.value);
            setLessonId("");
            fields.changedField("courseId");
          }}
        >
          <option value="">None</option>
          {(options.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Lesson"
          value={lessonId}
          disabled={!courseId}
          error={fields.errors.lessonId}
          onChange={(e) => {
            setLessonId(e.target.value);
            fields.changedField("lessonId");
          }}
        >
          <option value="">The whole course</option>
          {lessons.map((l) => (
            <option key={l.id} value={l.id}>
              {l.title}
            </option>
          ))}
        </SelectField>
        {configure.error && Object.keys(fields.serverErrors).length === 0 && (
          <div className="sm:col-span-2">
            <FormAlert>{errorMessage(configure.error)}</FormAlert>
          </div>
        )}
        <div className="sm:col-span-2">
          <Button type="submit" variant="secondary" pending={configure.isPending}>
            Save settings
          </Button>
        </div>
      </form>
    </details>
  );
}
