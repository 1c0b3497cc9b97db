import { CONVERSATION_MAX_MEMBERS } from "@guild/db/enums";
import { useNavigate } from "@tanstack/react-router";
import { useId, useState } from "react";
import { Button } from "../../components/button.tsx";
import { useModalDialog } from "../../components/confirm-dialog.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, serverFieldErrors } from "../../lib/errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { MemberPicker } from "./member-picker.tsx";
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
  const navigate = useNavigate();
  const { membership } = useCurrentOrganization();
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const { start } = useDirectMessageMutations();

  const close = () => {
    setChosen(new Map());
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
  const refusal = start.error
    ? (serverFieldErrors(start.error).memberIds?.[0] ?? errorMessage(start.error))
    : null;

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
        <MemberPicker
          // Mounted anew each time it opens: the search starts empty.
          key={String(open)}
          enabled={open}
          chosen={chosen}
          onChange={setChosen}
          max={CONVERSATION_MAX_MEMBERS - 1}
          exclude={new Set([membership.memberId])}
          hint={`One person, or up to ${CONVERSATION_MAX_MEMBERS - 1} for a group.`}
        />
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
