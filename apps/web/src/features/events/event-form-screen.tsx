import type { RouterOutputs } from "@guild/api";
import { createEventInput, updateEventInput } from "@guild/api/schemas/event";
import { EVENT_HOSTS_MAX, hasRole } from "@guild/db/enums";
import { Link, useNavigate } from "@tanstack/react-router";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { ErrorState, FormAlert, LoadingState, NotFound } from "../../components/states.tsx";
import { useUnsavedChanges } from "../../components/unsaved-changes.tsx";
import type { FieldErrors } from "../../lib/errors.ts";
import { isNotFound } from "../../lib/errors.ts";
import { useOrgTRPCClient } from "../../lib/trpc.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { useMemberTimeZone } from "../calendar/use-member-time-zone.ts";
import { FileUpload } from "../files/file-upload.tsx";
import type { UploadFields } from "../files/use-upload.ts";
import { MemberPicker } from "../messages/member-picker.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useSpace } from "../spaces/use-spaces.ts";
import {
  type EditScope,
  type EventFormValues,
  editEventValues,
  eventInputOf,
  newEventValues,
  onlineUrlOf,
  withStart,
} from "./event-form-values.ts";
import {
  recurrenceWords,
  weekdayCodeOf,
  weekdayCodes,
  weekdayName,
  weekdayOfMonthWords,
} from "./recurrence-words.ts";
import { ScopeChoice } from "./scope-choice.tsx";
import { type EventDetail, useEvent, useEventMutations } from "./use-events.ts";

type Space = RouterOutputs["space"]["get"];

const allZones = Intl.supportedValuesOf("timeZone");

/** The zones to choose from, with the ones in use even when the platform's list lacks them (UTC). */
function zoneOptions(...inUse: string[]): string[] {
  return [...new Set([...inUse.filter(Boolean), ...allZones])].sort();
}

/** An issue's field as the form names it: "recurrence.until", a tag's issue under "tags". */
function issueFields(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) {
  const found: FieldErrors = {};
  for (const issue of issues) {
    const [first, second] = issue.path.map(String);
    const field = first === "recurrence" && second ? `recurrence.${second}` : (first ?? "form");
    const known = found[field] ?? [];
    if (!known.includes(issue.message)) found[field] = [...known, issue.message];
  }
  return found;
}

/** The new-event form, for moderators and up in a live events space. */
export function NewEventScreen({ spaceSlug }: { spaceSlug: string }) {
  const { membership } = useCurrentOrganization();
  const space = useSpace(spaceSlug);
  const { timeZone, settled } = useMemberTimeZone();
  if (space.isPending || !settled) return <LoadingState />;
  if (space.isError && !isNotFound(space.error))
    return <ErrorState error={space.error} onRetry={() => void space.refetch()} />;
  if (
    space.data?.type !== "events" ||
    space.data.archived ||
    !hasRole(membership.role, "moderator")
  )
    return (
      <NotFound
        title="Space not found"
        description="There is no events space at this address where you can create events."
      />
    );
  return <EventForm space={space.data} initial={newEventValues(timeZone)} event={null} />;
}

/** The edit form: asks first whether one occurrence or the whole series changes. */
export function EditEventScreen({ spaceSlug, eventId }: { spaceSlug: string; eventId: string }) {
  const event = useEvent(eventId);
  const space = useSpace(spaceSlug);
  const [scope, setScope] = useState<EditScope | null>(null);
  const notFound = (
    <NotFound
      title="Event not found"
      description="There is no event at this address that you can edit."
    />
  );
  if (event.isPending || space.isPending) return <LoadingState label="Loading the event…" />;
  if (event.isError)
    return isNotFound(event.error) ? (
      notFound
    ) : (
      <ErrorState error={event.error} onRetry={() => void event.refetch()} />
    );
  if (space.isError || space.data.id !== event.data.spaceId || !event.data.viewer.canEdit)
    return notFound;
  const detail = event.data;
  const inSeries = detail.series !== null && !detail.series.cancelled;
  if (inSeries && scope === null)
    return <ScopeQuestion event={detail} spaceSlug={spaceSlug} onChoose={setScope} />;
  const chosen: EditScope = inSeries && scope === "series" ? "series" : "occurrence";
  return (
    <EventForm
      key={chosen}
      space={space.data}
      initial={editEventValues(detail, chosen)}
      event={{ detail, scope: chosen }}
    />
  );
}

function ScopeQuestion({
  event,
  spaceSlug,
  onChoose,
}: {
  event: EventDetail;
  spaceSlug: string;
  onChoose: (scope: EditScope) => void;
}) {
  const { slug } = useCurrentOrganization();
  const [choice, setChoice] = useState<EditScope>("occurrence");
  const legend = useId();
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageHeader title={`Edit ${event.title}`} />
      <Card title="What do you want to change?">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            onChoose(choice);
          }}
        >
          <fieldset aria-labelledby={legend} className="space-y-3">
            <p id={legend} className="text-sm text-muted-foreground">
              This event repeats
              {event.series
                ? ` (${recurrenceWords(event.series.recurrence, event.series.local.startsAt).toLowerCase()})`
                : ""}
              .
            </p>
            <ScopeChoice
              name="scope"
              value={choice}
              onChange={setChoice}
              choices={{
                occurrence: {
                  label: "Only this occurrence",
                  detail:
                    "The others stay as they are, and later changes to the series leave this one alone.",
                },
                series: {
                  label: "The whole series",
                  detail: "Every occurrence still to come that was not changed on its own.",
                },
              }}
            />
          </fieldset>
          <div className="flex flex-wrap justify-end gap-2">
            <Link
              to="/o/$slug/s/$spaceSlug/events/$eventId"
              params={{ slug, spaceSlug, eventId: event.id }}
              className="px-3 py-2 text-sm font-medium text-foreground hover:underline"
            >
              Cancel
            </Link>
            <Button type="submit">Continue</Button>
          </div>
        </form>
      </Card>
    </div>
  );
}

function EventForm({
  space,
  initial,
  event,
}: {
  space: Space;
  initial: EventFormValues;
  event: { detail: EventDetail; scope: EditScope } | null;
}) {
  const { slug, membership } = useCurrentOrganization();
  const navigate = useNavigate();
  const client = useOrgTRPCClient();
  const { create, update } = useEventMutations();
  const mutation = event ? update : create;
  const [values, setValues] = useState(initial);
  const fieldErrors = useFieldErrors(mutation.error);
  const { errors, serverErrors } = fieldErrors;
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const guard = useUnsavedChanges(dirty);
  const id = useId();
  const fieldId = (field: string) => `${id}-${field.replace(".", "-")}`;
  // The hosts' names, for those chosen (the event's own, then each one picked from a search).
  const [hostNames, setHostNames] = useState(
    () => new Map(event?.detail.hosts.map((h) => [h.memberId, h.name]) ?? []),
  );
  const zones = useMemo(() => zoneOptions(initial.timeZone), [initial.timeZone]);
  // One occurrence, or a one-off event, has no rule; a series edit always has one.
  const repeatable = event === null || event.scope === "series";

  const set = <K extends keyof EventFormValues>(field: K, value: EventFormValues[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };
  const setRule = <K extends keyof EventFormValues>(field: K, value: EventFormValues[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(`recurrence.${String(field)}`);
    fieldErrors.changedField("recurrence");
  };

  const uploaded = useRef<{ id: string; path: string } | null>(null);
  const startCover = useCallback(
    async (fields: UploadFields) => {
      const answer = await client.event.startCoverUpload.mutate({ ...fields, spaceId: space.id });
      uploaded.current = { id: answer.file.id, path: answer.path };
      return answer;
    },
    [client, space.id],
  );
  const onCoverUploaded = useCallback(async () => {
    const cover = uploaded.current;
    uploaded.current = null;
    if (!cover) return;
    setValues((previous) => ({ ...previous, coverFileId: cover.id, coverUrl: cover.path }));
    fieldErrors.changedField("coverFileId");
  }, [fieldErrors.changedField]);

  const shownFields = [
    "title",
    "description",
    "startsAt",
    "endsAt",
    "timeZone",
    "place",
    "onlineUrl",
    "coverFileId",
    "capacity",
    "tags",
    "hostMemberIds",
    "recurrence",
  ];
  const formError =
    mutation.error &&
    !fieldErrors.checkFailed &&
    !Object.keys(serverErrors).some((f) => shownFields.includes(f.split(".")[0] ?? ""))
      ? mutation.error
      : null;

  const submit = () => {
    const fields = eventInputOf(values);
    // A live session's fields (helper E's part of the form) are kept as they are.
    const live = event
      ? {
          courseId: event.detail.courseId,
          lessonId: event.detail.lessonId,
          sessionType: event.detail.sessionType,
          minLevel: event.detail.minLevel,
        }
      : {};
    const checked = event
      ? updateEventInput.safeParse({
          ...fields,
          ...live,
          id: event.detail.id,
          scope: event.scope,
          recurrence: event.scope === "series" ? fields.recurrence : null,
        })
      : createEventInput.safeParse({ ...fields, spaceId: space.id });
    if (!checked.success) {
      const found = issueFields(checked.error.issues);
      fieldErrors.submitted(found);
      const first = Object.keys(found)[0];
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    fieldErrors.submitted({});
    const done = (eventId: string) => {
      guard.release();
      void navigate({
        to: "/o/$slug/s/$spaceSlug/events/$eventId",
        params: { slug, spaceSlug: space.slug, eventId },
      });
    };
    if (checked.data && "spaceId" in checked.data)
      create.mutate(checked.data, {
        onSuccess: (answer) => {
          toast.success(
            answer.occurrences > 1
              ? `Created ${checked.data.title}: ${answer.occurrences} occurrences.`
              : `Created ${checked.data.title}.`,
          );
          done(answer.id);
        },
      });
    else if (event && "id" in checked.data)
      update.mutate(checked.data, {
        onSuccess: () => {
          toast.success(
            event.scope === "series" ? "Saved the series." : `Saved ${checked.data.title}.`,
          );
          done(event.detail.id);
        },
      });
  };

  // The editor stays a host of what they host (the API keeps them): not offered, kept if there.
  const me = membership.memberId;
  const hostsChosen = new Map(
    values.hostMemberIds
      .filter((h) => h !== me)
      .map((h) => [h, hostNames.get(h) ?? "A member"] as const),
  );
  const chooseHosts = (next: Map<string, string>) => {
    setHostNames((previous) => new Map([...previous, ...next]));
    set("hostMemberIds", [...(values.hostMemberIds.includes(me) ? [me] : []), ...next.keys()]);
  };
  const startWeekday = weekdayCodeOf(values.startsAt);
  const title = event
    ? event.scope === "series"
      ? `Edit the series: ${event.detail.title}`
      : `Edit ${event.detail.title}`
    : "New event";

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        {event ? (
          <Link
            to="/o/$slug/s/$spaceSlug/events/$eventId"
            params={{ slug, spaceSlug: space.slug, eventId: event.detail.id }}
            className="underline-offset-2 hover:underline"
          >
            Back to the event
          </Link>
        ) : (
          <Link
            to="/o/$slug/s/$spaceSlug"
            params={{ slug, spaceSlug: space.slug }}
            className="underline-offset-2 hover:underline"
          >
            Back to {space.name}
          </Link>
        )}
      </nav>
      <PageHeader
        title={title}
        description={
          event?.scope === "occurrence" && event.detail.series
            ? "Only this occurrence changes; the rest of the series stays as it is."
            : event?.scope === "series"
              ? "Occurrences still to come change, except those changed on their own."
              : `In ${space.name}`
        }
      />
      {guard.dialog}
      <form
        noValidate
        className="space-y-6"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Card title="What">
          <div className="space-y-4">
            <TextField
              id={fieldId("title")}
              label="Title"
              autoComplete="off"
              value={values.title}
              onChange={(e) => set("title", e.target.value)}
              error={errors.title}
            />
            <TextareaField
              id={fieldId("description")}
              label="Description"
              hint="Markdown: **bold**, lists, links."
              rows={6}
              value={values.description}
              onChange={(e) => set("description", e.target.value)}
              error={errors.description}
            />
            <TextField
              id={fieldId("tags")}
              label="Tags"
              autoComplete="off"
              hint="Separated by commas, e.g. workshop, beginners"
              value={values.tags}
              onChange={(e) => set("tags", e.target.value)}
              error={errors.tags}
            />
          </div>
        </Card>

        <Card title="When">
          <div className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                id={fieldId("startsAt")}
                type="datetime-local"
                label="Starts"
                value={values.startsAt}
                onChange={(e) => {
                  setValues((previous) => withStart(previous, e.target.value));
                  fieldErrors.changedField("startsAt");
                  fieldErrors.changedField("endsAt");
                }}
                error={errors.startsAt}
              />
              <TextField
                id={fieldId("endsAt")}
                type="datetime-local"
                label="Ends"
                value={values.endsAt}
                onChange={(e) => set("endsAt", e.target.value)}
                error={errors.endsAt}
              />
            </div>
            <SelectField
              id={fieldId("timeZone")}
              label="Time zone"
              hint="The times above are in this zone; each member sees them in their own."
              value={values.timeZone}
              onChange={(e) => set("timeZone", e.target.value)}
              error={errors.timeZone}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </SelectField>
            {repeatable && (
              <RecurrenceFields
                values={values}
                errors={errors}
                fieldId={fieldId}
                series={event?.scope === "series"}
                startWeekday={startWeekday}
                onChange={setRule}
              />
            )}
          </div>
        </Card>

        <Card title="Where">
          <div className="space-y-4">
            <TextField
              id={fieldId("place")}
              label="Place"
              autoComplete="off"
              hint="An address or a room; leave it empty for an online event."
              value={values.place}
              onChange={(e) => set("place", e.target.value)}
              error={errors.place}
            />
            <TextField
              id={fieldId("onlineUrl")}
              type="url"
              label="Online link"
              autoComplete="off"
              placeholder="https://"
              hint={
                event?.detail.hasOnlineLink && !onlineUrlOf(event.detail)
                  ? "This event has a link you cannot see here: enter it again, or saving removes it."
                  : "Shown only to people going, shortly before the start."
              }
              value={values.onlineUrl}
              onChange={(e) => set("onlineUrl", e.target.value)}
              error={errors.onlineUrl}
            />
          </div>
        </Card>

        <Card title="Cover image">
          <div id={fieldId("coverFileId")} tabIndex={-1} className="space-y-3">
            {values.coverUrl ? (
              <img
                src={values.coverUrl}
                alt="The event's cover"
                className="max-h-48 rounded-md border border-border object-cover"
              />
            ) : (
              <p className="text-sm text-muted-foreground">No cover image.</p>
            )}
            <div className="flex flex-wrap items-start gap-2">
              <FileUpload
                purpose="event_cover"
                label={values.coverUrl ? "Replace the cover" : "Upload a cover"}
                start={startCover}
                onUploaded={onCoverUploaded}
              />
              {values.coverFileId && (
                <Button
                  variant="danger-ghost"
                  size="sm"
                  onClick={() => {
                    setValues((previous) => ({ ...previous, coverFileId: null, coverUrl: null }));
                  }}
                >
                  Remove the cover
                </Button>
              )}
            </div>
            {errors.coverFileId && <p className="text-sm text-danger">{errors.coverFileId[0]}</p>}
          </div>
        </Card>

        <Card title="Who">
          <div className="space-y-4">
            <TextField
              id={fieldId("capacity")}
              type="number"
              inputMode="numeric"
              min={1}
              label="Seats"
              hint="Leave it empty for no limit. When it is full, members join a waitlist."
              value={values.capacity}
              onChange={(e) => set("capacity", e.target.value)}
              error={errors.capacity}
            />
            <fieldset id={fieldId("hostMemberIds")} tabIndex={-1} className="space-y-2">
              <legend className="text-sm font-medium text-foreground">Hosts</legend>
              <p className="text-xs text-muted-foreground">
                {event ? "Hosts" : "You host it. Hosts"} edit the event and see its guest list.
              </p>
              <MemberPicker
                enabled
                chosen={hostsChosen}
                onChange={chooseHosts}
                max={EVENT_HOSTS_MAX - (values.hostMemberIds.includes(me) ? 1 : 0)}
                exclude={new Set([me])}
                hint={`Search by name; tick up to ${EVENT_HOSTS_MAX} hosts.`}
              />
              {errors.hostMemberIds && (
                <p className="text-sm text-danger">{errors.hostMemberIds[0]}</p>
              )}
            </fieldset>
          </div>
        </Card>

        {formError && <ErrorAlert error={formError} />}
        {fieldErrors.checkFailed && (
          <FormAlert>Some fields need a look: see the messages under them.</FormAlert>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="submit" pending={mutation.isPending}>
            {event ? "Save changes" : "Create event"}
          </Button>
        </div>
      </form>
    </div>
  );
}

function RecurrenceFields({
  values,
  errors,
  fieldId,
  series,
  startWeekday,
  onChange,
}: {
  values: EventFormValues;
  errors: FieldErrors;
  fieldId: (field: string) => string;
  /** Editing a series: it repeats, weekly or monthly. */
  series: boolean;
  startWeekday: ReturnType<typeof weekdayCodeOf>;
  onChange: <K extends keyof EventFormValues>(field: K, value: EventFormValues[K]) => void;
}) {
  const legend = useId();
  return (
    <fieldset aria-labelledby={legend} className="space-y-4 rounded-md border border-border p-4">
      <legend id={legend} className="px-1 text-sm font-medium text-foreground">
        Repeats
      </legend>
      <SelectField
        id={fieldId("recurrence")}
        label="Repeat"
        value={values.repeats}
        onChange={(e) => {
          const next = e.target.value;
          if (next === "none" || next === "weekly" || next === "monthly") onChange("repeats", next);
        }}
        error={errors.recurrence}
      >
        {!series && <option value="none">Does not repeat</option>}
        <option value="weekly">Weekly</option>
        <option value="monthly">Monthly</option>
      </SelectField>
      {values.repeats !== "none" && (
        <>
          <TextField
            id={fieldId("recurrence.interval")}
            type="number"
            inputMode="numeric"
            min={1}
            max={12}
            label={values.repeats === "weekly" ? "Every how many weeks" : "Every how many months"}
            value={values.interval}
            onChange={(e) => onChange("interval", e.target.value)}
            error={errors["recurrence.interval"]}
          />
          {values.repeats === "weekly" ? (
            <fieldset id={fieldId("recurrence.weekdays")} tabIndex={-1}>
              <legend className="text-sm font-medium text-foreground">On</legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {weekdayCodes.map((code) => (
                  <label key={code} className="flex items-center gap-1.5 text-sm text-foreground">
                    <input
                      type="checkbox"
                      // The start's weekday is always one of them (the rule starts there).
                      checked={code === startWeekday || values.weekdays.includes(code)}
                      disabled={code === startWeekday}
                      onChange={(e) =>
                        onChange(
                          "weekdays",
                          e.target.checked
                            ? [...values.weekdays, code]
                            : values.weekdays.filter((d) => d !== code),
                        )
                      }
                    />
                    {weekdayName(code)}
                  </label>
                ))}
              </div>
              {errors["recurrence.weekdays"] && (
                <p className="text-sm text-danger">{errors["recurrence.weekdays"][0]}</p>
              )}
            </fieldset>
          ) : (
            <SelectField
              id={fieldId("recurrence.monthlyBy")}
              label="On"
              value={values.monthlyBy}
              onChange={(e) => {
                const next = e.target.value;
                if (next === "day" || next === "weekday") onChange("monthlyBy", next);
              }}
              error={errors["recurrence.monthlyBy"]}
            >
              <option value="day">
                Day {Number(values.startsAt.slice(8, 10)) || 1} of the month
              </option>
              <option value="weekday">{weekdayOfMonthWords(values.startsAt)} of the month</option>
            </SelectField>
          )}
          <SelectField
            id={fieldId("recurrence.ends")}
            label="Series ends"
            value={values.ends}
            onChange={(e) => {
              const next = e.target.value;
              if (next === "never" || next === "count" || next === "until") onChange("ends", next);
            }}
          >
            <option value="never">Never</option>
            <option value="count">After a number of times</option>
            <option value="until">On a date</option>
          </SelectField>
          {values.ends === "count" && (
            <TextField
              id={fieldId("recurrence.count")}
              type="number"
              inputMode="numeric"
              min={2}
              label="How many times"
              value={values.count}
              onChange={(e) => onChange("count", e.target.value)}
              error={errors["recurrence.count"]}
            />
          )}
          {values.ends === "until" && (
            <TextField
              id={fieldId("recurrence.until")}
              type="date"
              label="Last date"
              value={values.until}
              onChange={(e) => onChange("until", e.target.value)}
              error={errors["recurrence.until"]}
            />
          )}
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {ruleSummary(values)}
          </p>
        </>
      )}
    </fieldset>
  );
}

function ruleSummary(values: EventFormValues): string {
  if (values.repeats === "none") return "";
  const interval = Number(values.interval);
  const count = Number(values.count);
  return recurrenceWords(
    {
      frequency: values.repeats,
      interval: Number.isInteger(interval) && interval >= 1 ? interval : 1,
      weekdays: values.weekdays,
      monthlyBy: values.monthlyBy,
      count: values.ends === "count" && Number.isInteger(count) && count >= 2 ? count : null,
      until: values.ends === "until" && values.until ? values.until : null,
    },
    values.startsAt,
  );
}
