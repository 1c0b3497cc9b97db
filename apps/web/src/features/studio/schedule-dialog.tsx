import { scheduleStudioPostInput } from "@guild/api/schemas/studio";
import { useState } from "react";
import { SelectField, TextField } from "../../components/field.tsx";
import { DialogActions, FormDialog } from "../../components/form-dialog.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { zoneLabel } from "../calendar/zoned-time.ts";
import { useSpaces } from "../spaces/use-spaces.ts";
import { inputOfInstant, instantOfInput, nextWholeHour } from "./studio-time.ts";
import { type StudioPost, useStudioMutations } from "./use-studio.ts";

const WEBHOOK = "webhook";

/**
 * When and where a post goes out: a discussion space of the member's (as a post of theirs), or
 * the organization's webhook; the date and time read on the member's clock (their profile's zone).
 */
export function ScheduleDialog({
  post,
  open,
  timeZone,
  onClose,
}: {
  post: StudioPost;
  open: boolean;
  timeZone: string;
  onClose: () => void;
}) {
  return (
    <FormDialog open={open} title="Schedule post" onClose={onClose}>
      <ScheduleForm post={post} timeZone={timeZone} onDone={onClose} />
    </FormDialog>
  );
}

function ScheduleForm({
  post,
  timeZone,
  onDone,
}: {
  post: StudioPost;
  timeZone: string;
  onDone: () => void;
}) {
  const spaces = useSpaces();
  const { schedule } = useStudioMutations();
  const discussions = (spaces.data ?? [])
    .flatMap((section) => section.spaces)
    .filter((space) => space.type === "discussion" && !space.archived);
  const [where, setWhere] = useState(post.space?.id ?? "");
  const [at, setAt] = useState(() =>
    post.scheduledAt
      ? inputOfInstant(post.scheduledAt, timeZone)
      : nextWholeHour(new Date(), timeZone),
  );
  const fieldErrors = useFieldErrors(schedule.error, (field) =>
    field === "spaceId" || field === "target" ? "where" : field,
  );
  const { errors } = fieldErrors;
  const shownByFields = Object.keys(errors).length > 0;
  const chosen = where || discussions[0]?.id || "";

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const instant = instantOfInput(at, timeZone);
        const input =
          chosen === WEBHOOK
            ? { id: post.id, target: "webhook" as const, at: instant }
            : { id: post.id, target: "space" as const, spaceId: chosen, at: instant };
        const found: FieldErrors = {};
        if (!instant) found.at = ["Choose a date and time"];
        if (!chosen) found.where = ["Choose where the post goes"];
        const checked = scheduleStudioPostInput.safeParse(input);
        if (!checked.success && Object.keys(found).length === 0)
          for (const issue of checked.error.issues) {
            const field = issue.path[0] === "spaceId" ? "where" : String(issue.path[0] ?? "at");
            found[field] = [...(found[field] ?? []), issue.message];
          }
        fieldErrors.submitted(found);
        const first = Object.keys(found)[0];
        if (first) document.getElementById(`schedule-${first}`)?.focus();
        else if (checked.success) schedule.mutate(checked.data, { onSuccess: onDone });
      }}
    >
      <SelectField
        id="schedule-where"
        label="Publish to"
        value={chosen}
        onChange={(event) => {
          setWhere(event.target.value);
          fieldErrors.changedField("where");
        }}
        error={errors.where}
        hint={spaces.isPending ? "Loading your spaces…" : undefined}
      >
        {discussions.map((space) => (
          <option key={space.id} value={space.id}>
            {space.name}
          </option>
        ))}
        <option value={WEBHOOK}>The organization's webhook</option>
      </SelectField>
      <TextField
        id="schedule-at"
        label="Date and time"
        type="datetime-local"
        required
        value={at}
        onChange={(event) => {
          setAt(event.target.value);
          fieldErrors.changedField("at");
        }}
        error={errors.at}
        hint={`Your time zone: ${zoneLabel(timeZone)}.`}
      />
      {schedule.isError && !shownByFields && !fieldErrors.checkFailed && (
        <FormAlert>{errorMessage(schedule.error)}</FormAlert>
      )}
      <DialogActions pending={schedule.isPending} submitLabel="Schedule" onCancel={onDone} />
    </form>
  );
}
