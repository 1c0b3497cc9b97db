import { CONVERSATION_MAX_MEMBERS } from "@guild/db/enums";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { ConfirmDialog, useModalDialog } from "../../components/confirm-dialog.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { MemberPickerForm, pickerDialogClass } from "./member-picker.tsx";
import { type Conversation, useDirectMessageMutations } from "./use-messages.ts";

type Person = Conversation["others"][number];

/**
 * A group's people: who is in it (and who started it), "Add people" for anyone in it, "Remove"
 * for whoever started it, and "Leave conversation" (confirmed). The server decides each change
 * again; its refusals (a block, a full group) are shown here as it words them.
 */
export function PeopleDialog({
  conversation,
  open,
  onClose,
  onLeft,
}: {
  conversation: Conversation;
  open: boolean;
  onClose(): void;
  onLeft(): void;
}) {
  const ref = useModalDialog(open);
  const titleId = useId();
  const { membership } = useCurrentOrganization();
  const me = membership.memberId;
  const { addPeople, removePerson, leave } = useDirectMessageMutations();
  const [adding, setAdding] = useState(false);
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const [removing, setRemoving] = useState<Person | null>(null);
  const [leaving, setLeaving] = useState(false);
  const iStarted = conversation.startedByMemberId === me;
  const placesLeft = CONVERSATION_MAX_MEMBERS - 1 - conversation.others.length;

  const backToList = () => {
    setAdding(false);
    setChosen(new Map());
    addPeople.reset();
  };
  const close = () => {
    backToList();
    onClose();
  };
  const add = () =>
    addPeople.mutate(
      { conversationId: conversation.id, memberIds: [...chosen.keys()] },
      {
        onSuccess: () => {
          toast.success(`Added ${[...chosen.values()].join(", ")}.`);
          backToList();
        },
      },
    );

  return (
    <>
      <dialog ref={ref} aria-labelledby={titleId} onClose={close} className={pickerDialogClass}>
        {adding ? (
          <MemberPickerForm
            titleId={titleId}
            title="Add people"
            submitLabel="Add"
            cancelLabel="Back"
            pending={addPeople.isPending}
            error={addPeople.error}
            onSubmit={add}
            onCancel={backToList}
            enabled={open}
            chosen={chosen}
            onChange={setChosen}
            max={placesLeft}
            exclude={new Set([me, ...conversation.others.map((p) => p.memberId)])}
            hint={`They will read messages from when they are added, not before. ${placesLeft} more can join.`}
          />
        ) : (
          <div className="space-y-4 p-4 sm:p-6">
            <h2 id={titleId} className="text-lg font-semibold">
              People
            </h2>
            <ul aria-label="People in this conversation" className="divide-y divide-border">
              <li className="flex items-center gap-2 py-2 text-sm">
                <span className="min-w-0 flex-1 truncate font-medium">You</span>
                {iStarted && <span className="text-xs text-muted-foreground">Started it</span>}
              </li>
              {conversation.others.map((person) => (
                <li key={person.memberId} className="flex items-center gap-2 py-2 text-sm">
                  <span className="min-w-0 flex-1 truncate">
                    {person.name}
                    {person.username && (
                      <span className="ml-2 text-xs text-muted-foreground">@{person.username}</span>
                    )}
                  </span>
                  {conversation.startedByMemberId === person.memberId && (
                    <span className="text-xs text-muted-foreground">Started it</span>
                  )}
                  {iStarted && (
                    <Button
                      size="sm"
                      variant="danger-ghost"
                      aria-label={`Remove ${person.name}`}
                      onClick={() => setRemoving(person)}
                    >
                      Remove
                    </Button>
                  )}
                </li>
              ))}
            </ul>
            {conversation.others.length === 0 && (
              <p className="text-sm text-muted-foreground">Everyone else has left.</p>
            )}
            {placesLeft <= 0 && (
              <p className="text-sm text-muted-foreground">
                This group is full: a conversation has at most {CONVERSATION_MAX_MEMBERS} people.
              </p>
            )}
            <div className="flex flex-wrap justify-between gap-2">
              <Button variant="danger-ghost" onClick={() => setLeaving(true)}>
                Leave conversation
              </Button>
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" onClick={close}>
                  Close
                </Button>
                <Button disabled={placesLeft <= 0} onClick={() => setAdding(true)}>
                  Add people
                </Button>
              </div>
            </div>
          </div>
        )}
      </dialog>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? ""}?`}
        confirmLabel="Remove"
        pending={removePerson.isPending}
        error={removePerson.error ? errorMessage(removePerson.error) : null}
        onConfirm={() => {
          if (!removing) return;
          removePerson.mutate(
            { conversationId: conversation.id, memberId: removing.memberId },
            {
              onSuccess: () => {
                toast.success(`You removed ${removing.name}.`);
                setRemoving(null);
              },
            },
          );
        }}
        onClose={() => {
          removePerson.reset();
          setRemoving(null);
        }}
      >
        <p>They will no longer see this conversation or its messages.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={leaving}
        title="Leave this conversation?"
        confirmLabel="Leave"
        pending={leave.isPending}
        error={leave.error ? errorMessage(leave.error) : null}
        onConfirm={() =>
          leave.mutate(
            { conversationId: conversation.id },
            {
              onSuccess: () => {
                setLeaving(false);
                toast.success("You left the conversation.");
                onLeft();
              },
            },
          )
        }
        onClose={() => {
          leave.reset();
          setLeaving(false);
        }}
      >
        <p>
          You will no longer see it or its messages. Someone in it can add you again; you would then
          see only what is said from that moment on.
        </p>
      </ConfirmDialog>
    </>
  );
}
