import { renameAssistantConversationInput } from "@guild/api/schemas/assistant";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { TextField } from "../../components/field.tsx";
import { DialogActions, FormDialog } from "../../components/form-dialog.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { type AssistantConversationDetail, useAssistantMutations } from "./use-assistant.ts";

/** A conversation's title (its first question's start until renamed), checked as the API does. */
export function RenameDialog({
  open,
  conversation,
  onClose,
}: {
  open: boolean;
  conversation: AssistantConversationDetail;
  onClose(): void;
}) {
  return (
    <FormDialog open={open} title="Rename conversation" onClose={onClose}>
      <RenameForm conversation={conversation} onClose={onClose} />
    </FormDialog>
  );
}

function RenameForm({
  conversation,
  onClose,
}: {
  conversation: AssistantConversationDetail;
  onClose(): void;
}) {
  const { rename } = useAssistantMutations();
  const [title, setTitle] = useState(conversation.title);
  const fieldErrors = useFieldErrors(rename.error);
  const formError =
    rename.error && !fieldErrors.serverErrors.title ? errorMessage(rename.error) : null;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = renameAssistantConversationInput.safeParse({ id: conversation.id, title });
        if (!checked.success) {
          fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
          return;
        }
        fieldErrors.submitted({});
        rename.mutate(checked.data, {
          onSuccess: () => {
            toast.success("Conversation renamed.");
            onClose();
          },
        });
      }}
    >
      {formError && <FormAlert>{formError}</FormAlert>}
      <TextField
        label="Title"
        value={title}
        onChange={(event) => {
          setTitle(event.target.value);
          fieldErrors.changedField("title");
        }}
        error={fieldErrors.errors.title}
      />
      <DialogActions pending={rename.isPending} submitLabel="Rename" onCancel={onClose} />
    </form>
  );
}
