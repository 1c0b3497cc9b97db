import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "../../components/button.tsx";
import { inputClass } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, serverFieldErrors } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";

/**
 * Members to choose from the organization's directory, searched by name as you type: for a new
 * conversation and for adding people to a group. `exclude` (the caller, who is in it already)
 * is not offered; at most `max` are chosen.
 */
interface MemberPickerProps {
  enabled: boolean;
  chosen: ReadonlyMap<string, string>;
  onChange(next: Map<string, string>): void;
  max: number;
  exclude: ReadonlySet<string>;
  hint: string;
}

/** The dialogs' frame: a native <dialog> that fits a phone. */
export const pickerDialogClass =
  "m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface p-0 text-foreground shadow-xl backdrop:bg-black/40";

/**
 * A dialog's form around the picker: its title, the server's refusal (the memberIds field's
 * message, else the error's), and Cancel/Back beside the submit button, which needs a choice.
 */
export function MemberPickerForm({
  titleId,
  title,
  submitLabel,
  cancelLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  ...picker
}: MemberPickerProps & {
  titleId: string;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit(): void;
  onCancel(): void;
}) {
  const refusal = error ? (serverFieldErrors(error).memberIds?.[0] ?? errorMessage(error)) : null;
  return (
    <form
      method="dialog"
      className="space-y-4 p-4 sm:p-6"
      onSubmit={(event) => {
        event.preventDefault();
        if (picker.chosen.size > 0) onSubmit();
      }}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <MemberPicker {...picker} />
      {refusal && <FormAlert>{refusal}</FormAlert>}
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button type="submit" disabled={picker.chosen.size === 0} pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

export function MemberPicker({ enabled, chosen, onChange, max, exclude, hint }: MemberPickerProps) {
  const searchId = useId();
  const trpc = useOrgTRPC();
  const [search, setSearch] = useState("");
  const query = useDebouncedValue(search.trim(), 200);
  const directory = useQuery({
    ...trpc.member.list.queryOptions({ search: query || undefined, limit: 20 }),
    enabled,
    placeholderData: keepPreviousData,
  });
  const full = chosen.size >= max;
  const toggle = (id: string, name: string) => {
    const next = new Map(chosen);
    if (next.has(id)) next.delete(id);
    else if (!full) next.set(id, name);
    onChange(next);
  };
  const people = (directory.data?.items ?? []).filter((m) => !exclude.has(m.id));

  return (
    <>
      <div className="space-y-1">
        <label htmlFor={searchId} className="block text-sm font-medium">
          Find members
        </label>
        <input
          id={searchId}
          type="search"
          value={search}
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
          className={inputClass}
        />
        <p className="text-xs text-muted-foreground">{hint}</p>
      </div>
      {chosen.size > 0 && (
        <p className="text-sm">
          Chosen: <span className="font-medium">{[...chosen.values()].join(", ")}</span>
        </p>
      )}
      <fieldset className="max-h-64 space-y-1 overflow-y-auto">
        <legend className="sr-only">Members</legend>
        {directory.isPending ? (
          <p className="text-sm text-muted-foreground">Loading members…</p>
        ) : directory.isError ? (
          <p role="alert" className="text-sm text-danger">
            The members could not be loaded. Close this and try again.
          </p>
        ) : people.length === 0 ? (
          <p className="text-sm text-muted-foreground">No member matches.</p>
        ) : (
          people.map((person) => {
            const name = person.displayName ?? person.name;
            return (
              <label
                key={person.id}
                className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-muted"
              >
                <input
                  type="checkbox"
                  checked={chosen.has(person.id)}
                  disabled={full && !chosen.has(person.id)}
                  onChange={() => toggle(person.id, name)}
                />
                <span className="min-w-0 flex-1 truncate">{name}</span>
                {person.username && (
                  <span className="text-xs text-muted-foreground">@{person.username}</span>
                )}
              </label>
            );
          })
        )}
      </fieldset>
    </>
  );
}
