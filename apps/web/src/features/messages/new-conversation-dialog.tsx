import { CONVERSATION_MAX_MEMBERS } from "@guild/db/enums";
import { useNavigate } from "@tanstack/react-router";
import { useId, useState } from "react";
import { useModalDialog } from "../../components/confirm-dialog.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { MemberPickerForm, pickerDialogClass } from "./member-picker.tsx";
import { useDirectMessageMutations } from "./use-messages.ts";

/**
 * Choose whom to write to, from the organization's directory (searched by name as you type):
 * one person opens your conversation with them (the same one as before, if any), several start
 * a small group. `withPerson`: from a one-to-one conversation, a new group that starts with
 * them chosen (a one-to-one stays between the two; its history is not shared with newcomers).
 */
export function NewConversationDialog({
  slug,
  open,
  onClose,
  withPerson,
}: {
  slug: string;
  open: boolean;
  onClose(): void;
  withPerson?: { memberId: string; name: string };
}) {
  const ref = useModalDialog(open);
  const titleId = useId();
  const navigate = useNavigate();
  const { membership } = useCurrentOrganization();
  const initial = () =>
    new Map(withPerson ? [[withPerson.memberId, withPerson.name] as const] : []);
  const [chosen, setChosen] = useState<Map<string, string>>(initial);
  const { start } = useDirectMessageMutations();

  const close = () => {
    setChosen(initial());
    start.reset();
    onClose();
  };
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

  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={close} className={pickerDialogClass}>
      <MemberPickerForm
        // Mounted anew each time it opens: the search starts empty.
        key={String(open)}
        titleId={titleId}
        title={withPerson ? `New group with ${withPerson.name}` : "New message"}
        submitLabel={withPerson ? "Start group" : "Start conversation"}
        cancelLabel="Cancel"
        pending={start.isPending}
        error={start.error}
        onSubmit={submit}
        onCancel={close}
        enabled={open}
        chosen={chosen}
        onChange={setChosen}
        max={CONVERSATION_MAX_MEMBERS - 1}
        exclude={new Set([membership.memberId])}
        hint={`One person, or up to ${CONVERSATION_MAX_MEMBERS - 1} for a group.`}
      />
    </dialog>
  );
}
