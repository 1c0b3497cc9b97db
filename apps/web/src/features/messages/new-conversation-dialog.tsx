import { CONVERSATION_MAX_MEMBERS } from "@guild/db/enums";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useId, useState } from "react";
import { Button } from "../../components/button.tsx";
import { useModalDialog } from "../../components/confirm-dialog.tsx";
import { inputClass } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, serverFieldErrors } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useDirectMessageMutations } from "./use-messages.ts";

/**
 * Choose whom to write to, from the organization's directory (searched by name as you type):
 * one person opens your conversation with them (the same one as before, if any), several start
 * a small group.
 */
export function NewConversationDialog({
  slug,
  open,
  onClose,
}: {
  slug: string;
  open: boolean;
  onClose(): void;
}) {
  const ref = useModalDialog(open);
  const titleId = useId();
  const searchId = useId();
  const trpc = useOrgTRPC();
  const navigate = useNavigate();
  const { membership } = useCurrentOrganization();
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const query = useDebouncedValue(search.trim(), 200);
  const directory = useQuery({
    ...trpc.member.list.queryOptions({ search: query || undefined, limit: 20 }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const { start } = useDirectMessageMutations();
  const full = chosen.size >= CONVERSATION_MAX_MEMBERS - 1;

  const close = () => {
    setSearch("");
    setChosen(new Map());
    start.reset();
    onClose();
  };
  const toggle = (id: string, name: string) =>
    setChosen((previous) => {
      const next = new Map(previous);
      if (next.has(id)) next.delete(id);
      else if (!full) next.set(id, name);
      return next;
    });
  const submit = () =>
    start.mutate(
      { memberIds: [...chosen.keys()] },
      {
        onSuccess: (conversation) => {
          close();
          void navigate({
            to: "/o/$slug/messages/$conversationId",
            params: { slug, conversationId: conversation.id },
          });
        },
      },
    );
  const refusal = start.error
    ? (serverFieldErrors(start.error).memberIds?.[0] ?? errorMessage(start.error))
    : null;
  const people = (directory.data?.items ?? []).filter((m) => m.id !== membership.memberId);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={close}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface p-0 text-foreground shadow-xl backdrop:bg-black/40"
    >
      <form
        method="dialog"
        className="space-y-4 p-4 sm:p-6"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen.size > 0) submit();
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          New message
        </h2>
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
          <p className="text-xs text-muted-foreground">
            One person, or up to {CONVERSATION_MAX_MEMBERS - 1} for a group.
          </p>
        </div>
        {chosen.size > 0 && (
          <p className="text-sm">
            To: <span className="font-medium">{[...chosen.values()].join(", ")}</span>
          </p>
        )}
        <fieldset className="max-h-64 space-y-1 overflow-y-auto">
          <legend className="sr-only">Members</legend>
          {directory.isPending ? (
            <p className="text-sm text-muted-foreground">Loading members…</p>
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
        {refusal && <FormAlert>{refusal}</FormAlert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={chosen.size === 0} pending={start.isPending}>
            Start conversation
          </Button>
        </div>
      </form>
    </dialog>
  );
}
