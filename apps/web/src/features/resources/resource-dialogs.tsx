// The moderators' dialogs of a resources space: a folder (new or edited), a link, a file upload,
// and an edit of a resource (title, description, a link's address, its folder). Each form checks
// its fields with the API's own schemas before sending and shows the server's refusals next to
// the same fields.
import type { RouterOutputs } from "@guild/api";
import {
  folderDescription,
  folderName,
  resourceDescription,
  resourceTitle,
  resourceUrl,
} from "@guild/api/schemas/resource";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { DialogActions, FormDialog } from "../../components/form-dialog.tsx";
import { type FieldErrors, UserFacingError } from "../../lib/errors.ts";
import { useOrgTRPCClient } from "../../lib/trpc.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { FileUpload } from "../files/file-upload.tsx";
import type { UploadFields } from "../files/use-upload.ts";
import { useResourceMutations } from "./use-resources.ts";

type Library = RouterOutputs["resource"]["list"];
export type Folder = Library["folders"][number];
export type Resource = Library["items"][number];

/** What a dialog is open for. */
export type ResourceDialogState =
  | { kind: "folder"; folder?: Folder }
  | { kind: "link"; folderId: string | null }
  | { kind: "file"; folderId: string | null }
  | { kind: "item"; item: Resource }
  | null;

const dialogTitle = (state: NonNullable<ResourceDialogState>) =>
  state.kind === "folder"
    ? state.folder
      ? `Edit ${state.folder.name}`
      : "New folder"
    : state.kind === "link"
      ? "Add a link"
      : state.kind === "file"
        ? "Upload a file"
        : `Edit ${state.item.title}`;

export function ResourceDialog({
  state,
  spaceId,
  folders,
  onClose,
}: {
  state: ResourceDialogState;
  spaceId: string;
  folders: Folder[];
  onClose: () => void;
}) {
  return (
    <FormDialog open={state !== null} title={state ? dialogTitle(state) : ""} onClose={onClose}>
      {state?.kind === "folder" && (
        <FolderForm spaceId={spaceId} folder={state.folder} onDone={onClose} />
      )}
      {state?.kind === "link" && (
        <LinkForm spaceId={spaceId} folders={folders} folderId={state.folderId} onDone={onClose} />
      )}
      {state?.kind === "file" && (
        <FileForm spaceId={spaceId} folders={folders} folderId={state.folderId} onDone={onClose} />
      )}
      {state?.kind === "item" && <ItemForm item={state.item} folders={folders} onDone={onClose} />}
    </FormDialog>
  );
}

/** The form's error when no field shows it (e.g. the space was archived meanwhile). */
function formError(failure: unknown, fields: string[], serverErrors: Record<string, unknown>) {
  return failure && !fields.some((f) => serverErrors[f]) ? failure : null;
}

function FolderChoice({
  folders,
  value,
  onChange,
  error,
}: {
  folders: Folder[];
  value: string | null;
  onChange: (folderId: string | null) => void;
  error: string[] | undefined;
}) {
  return (
    <SelectField
      label="Folder"
      value={value ?? ""}
      onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}
      error={error}
    >
      <option value="">No folder (top level)</option>
      {folders.map((f) => (
        <option key={f.id} value={f.id}>
          {f.name}
        </option>
      ))}
    </SelectField>
  );
}

/** A form's values; a change to one clears that field's error (useFieldErrors). */
function useFormValues<T extends Record<string, string | null>>(
  initial: T,
  fieldErrors: { changedField: (field: string) => void },
) {
  const [values, setValues] = useState(initial);
  const change = <K extends keyof T & string>(field: K, value: T[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };
  return [values, change] as const;
}

interface ResourceValues extends Record<string, string | null> {
  title: string;
  url: string;
  description: string;
  folderId: string | null;
}

/**
 * What every resource form asks: its title, a link's address (when `address` is given, with its
 * input's hint and placeholder), its description and its folder.
 */
function ResourceFields({
  values,
  change,
  errors,
  folders,
  titleHint,
  address,
}: {
  values: ResourceValues;
  change: <K extends keyof ResourceValues & string>(field: K, value: ResourceValues[K]) => void;
  errors: FieldErrors;
  folders: Folder[];
  titleHint?: string;
  address?: { hint?: string; placeholder?: string };
}) {
  return (
    <>
      <TextField
        label="Title"
        autoComplete="off"
        hint={titleHint}
        value={values.title}
        onChange={(e) => change("title", e.target.value)}
        error={errors.title}
      />
      {address && (
        <TextField
          label="Address"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder={address.placeholder}
          hint={address.hint}
          value={values.url}
          onChange={(e) => change("url", e.target.value)}
          error={errors.url}
        />
      )}
      <TextareaField
        label="Description"
        rows={3}
        value={values.description}
        onChange={(e) => change("description", e.target.value)}
        error={errors.description}
      />
      <FolderChoice
        folders={folders}
        value={values.folderId}
        onChange={(next) => change("folderId", next)}
        error={errors.folderId}
      />
    </>
  );
}

const folderFields = z.object({ name: folderName, description: folderDescription });

function FolderForm({
  spaceId,
  folder,
  onDone,
}: {
  spaceId: string;
  folder: Folder | undefined;
  onDone: () => void;
}) {
  const { createFolder, updateFolder } = useResourceMutations();
  const save = folder ? updateFolder : createFolder;
  const fieldErrors = useFieldErrors(save.error);
  const { errors, serverErrors } = fieldErrors;
  const [values, change] = useFormValues(
    { name: folder?.name ?? "", description: folder?.description ?? "" },
    fieldErrors,
  );
  const unplaced = formError(save.error, ["name", "description"], serverErrors);
  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = folderFields.safeParse(values);
        if (!checked.success) {
          fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
          return;
        }
        fieldErrors.submitted({});
        const done = () => {
          toast.success(folder ? `Saved ${checked.data.name}.` : `Created ${checked.data.name}.`);
          onDone();
        };
        if (folder) updateFolder.mutate({ id: folder.id, ...checked.data }, { onSuccess: done });
        else createFolder.mutate({ spaceId, ...checked.data }, { onSuccess: done });
      }}
    >
      <TextField
        label="Name"
        autoComplete="off"
        value={values.name}
        onChange={(e) => change("name", e.target.value)}
        error={errors.name}
      />
      <TextareaField
        label="Description"
        rows={2}
        value={values.description}
        onChange={(e) => change("description", e.target.value)}
        error={errors.description}
      />
      {unplaced && <ErrorAlert error={unplaced} />}
      <DialogActions
        pending={save.isPending}
        submitLabel={folder ? "Save folder" : "Create folder"}
        onCancel={onDone}
      />
    </form>
  );
}

const linkFields = z.object({
  title: resourceTitle,
  url: resourceUrl,
  description: resourceDescription,
});

function LinkForm({
  spaceId,
  folders,
  folderId: initialFolder,
  onDone,
}: {
  spaceId: string;
  folders: Folder[];
  folderId: string | null;
  onDone: () => void;
}) {
  const { addLink } = useResourceMutations();
  const fieldErrors = useFieldErrors(addLink.error);
  const { errors, serverErrors } = fieldErrors;
  const [values, change] = useFormValues<ResourceValues>(
    { title: "", url: "", description: "", folderId: initialFolder },
    fieldErrors,
  );
  const unplaced = formError(
    addLink.error,
    ["title", "url", "description", "folderId"],
    serverErrors,
  );
  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = linkFields.safeParse(values);
        if (!checked.success) {
          fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
          return;
        }
        fieldErrors.submitted({});
        addLink.mutate(
          { spaceId, folderId: values.folderId, ...checked.data },
          {
            onSuccess: (saved) => {
              toast.success(`Added ${saved.title}.`);
              onDone();
            },
          },
        );
      }}
    >
      <ResourceFields
        values={values}
        change={change}
        errors={errors}
        folders={folders}
        address={{
          placeholder: "https://",
          hint: "A web address starting with http:// or https://",
        }}
      />
      {unplaced && <ErrorAlert error={unplaced} />}
      <DialogActions pending={addLink.isPending} submitLabel="Add link" onCancel={onDone} />
    </form>
  );
}

const fileFields = z.object({
  title: resourceTitle.optional(),
  description: resourceDescription,
});

/**
 * A file resource: its title (the file's name when left empty), description and folder, then the
 * platform's upload button (progress, cancel, what was wrong with the file). The fields are
 * checked when the file is picked; the server's refusal of a field shows next to it.
 */
function FileForm({
  spaceId,
  folders,
  folderId: initialFolder,
  onDone,
}: {
  spaceId: string;
  folders: Folder[];
  folderId: string | null;
  onDone: () => void;
}) {
  const client = useOrgTRPCClient();
  const { refresh } = useResourceMutations();
  const [startError, setStartError] = useState<unknown>(null);
  const fieldErrors = useFieldErrors(startError);
  const { errors } = fieldErrors;
  const [values, change] = useFormValues<ResourceValues>(
    { title: "", url: "", description: "", folderId: initialFolder },
    fieldErrors,
  );

  const start = useCallback(
    async (file: UploadFields) => {
      const checked = fileFields.safeParse({
        title: values.title.trim() === "" ? undefined : values.title,
        description: values.description,
      });
      if (!checked.success) {
        fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
        throw new UserFacingError("Correct the fields above, then pick the file again.");
      }
      fieldErrors.submitted({});
      setStartError(null);
      try {
        return await client.resource.startFileUpload.mutate({
          spaceId,
          folderId: values.folderId,
          ...checked.data,
          ...file,
        });
      } catch (error) {
        setStartError(error);
        throw error;
      }
    },
    [client, spaceId, values, fieldErrors],
  );

  const uploaded = useCallback(async () => {
    await refresh();
    toast.success("File uploaded.");
    onDone();
  }, [refresh, onDone]);

  return (
    <div className="grid gap-4">
      <ResourceFields
        values={values}
        change={change}
        errors={errors}
        folders={folders}
        titleHint="Empty: the file's name"
      />
      <FileUpload purpose="resource" label="Choose a file…" start={start} onUploaded={uploaded} />
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onDone}>
          Close
        </Button>
      </div>
    </div>
  );
}

const itemFields = z.object({
  title: resourceTitle,
  description: resourceDescription,
  url: resourceUrl.optional(),
});

/** Edit a resource: title, description, a link's address, and the folder it is in. */
function ItemForm({
  item,
  folders,
  onDone,
}: {
  item: Resource;
  folders: Folder[];
  onDone: () => void;
}) {
  const { update, move } = useResourceMutations();
  const failure = update.error ?? move.error;
  const fieldErrors = useFieldErrors(failure);
  const { errors, serverErrors } = fieldErrors;
  const [values, change] = useFormValues<ResourceValues>(
    {
      title: item.title,
      url: item.url ?? "",
      description: item.description,
      folderId: item.folderId,
    },
    fieldErrors,
  );
  const { folderId } = values;
  const unplaced = formError(failure, ["title", "description", "url", "folderId"], serverErrors);
  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = itemFields.safeParse({
          title: values.title,
          description: values.description,
          url: item.kind === "link" ? values.url : undefined,
        });
        if (!checked.success) {
          fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
          return;
        }
        fieldErrors.submitted({});
        const done = () => {
          toast.success(`Saved ${checked.data.title}.`);
          onDone();
        };
        update.mutate(
          { id: item.id, ...checked.data },
          {
            onSuccess: () =>
              folderId === item.folderId
                ? done()
                : move.mutate({ id: item.id, folderId }, { onSuccess: done }),
          },
        );
      }}
    >
      <ResourceFields
        values={values}
        change={change}
        errors={errors}
        folders={folders}
        address={item.kind === "link" ? {} : undefined}
      />
      {unplaced && <ErrorAlert error={unplaced} />}
      <DialogActions
        pending={update.isPending || move.isPending}
        submitLabel="Save"
        onCancel={onDone}
      />
    </form>
  );
}
