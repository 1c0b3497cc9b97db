import { messageBody } from "@guild/api/schemas/chat";
import { type KeyboardEvent, useState } from "react";
import { Button } from "../../components/button.tsx";
import { inputClass } from "../../components/field.tsx";
import { Markdown } from "../../components/markdown.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";

/** What a message shows, for chat spaces and direct messages alike. */
export interface MessageLike {
  id: string;
  author: { memberId: string; name: string; avatarUrl: string | null } | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  mine: boolean;
}

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

function Avatar({ author }: { author: MessageLike["author"] }) {
  if (author?.avatarUrl)
    return <img src={author.avatarUrl} alt="" className="size-8 shrink-0 rounded-full" />;
  return (
    <span
      aria-hidden="true"
      className="grid size-8 shrink-0 place-items-center rounded-full bg-muted text-xs font-semibold text-muted-foreground"
    >
      {(author?.name ?? "?").slice(0, 1).toUpperCase()}
    </span>
  );
}

/**
 * One message: who, when, the markdown (sanitized), an "edited" mark, and a placeholder once
 * deleted. Its author edits it in place (Enter saves, Escape cancels); its author, or whoever
 * `canDelete` says, deletes it.
 */
export function MessageItem({
  message,
  canDelete,
  onEdit,
  onDelete,
}: {
  message: MessageLike;
  canDelete: boolean;
  onEdit(body: string): Promise<unknown>;
  onDelete(): void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.body);
  const [error, setError] = useState<string | null>(null);
  const name = message.author?.name ?? "Former member";

  const save = async () => {
    const checked = messageBody.safeParse(draft);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? "Write a message");
      return;
    }
    try {
      await onEdit(checked.data);
      setEditing(false);
      setError(null);
    } catch (refusal) {
      setError(errorMessage(refusal));
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      setEditing(false);
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <li className="group flex gap-3 px-1 py-2" data-message-id={message.id}>
      <Avatar author={message.author} />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-semibold text-foreground">{name}</span>
          <time
            dateTime={message.createdAt.toISOString()}
            title={formatDateTime(message.createdAt)}
            className="text-xs text-muted-foreground"
          >
            {timeOnly.format(message.createdAt)}
          </time>
          {message.editedAt && !message.deleted && (
            <span className="text-xs text-muted-foreground">(edited)</span>
          )}
        </p>
        {message.deleted ? (
          <p className="text-sm text-muted-foreground italic">This message was deleted.</p>
        ) : editing ? (
          <div className="mt-1 space-y-1">
            <label className="sr-only" htmlFor={`edit-${message.id}`}>
              Edit message
            </label>
            <textarea
              id={`edit-${message.id}`}
              // biome-ignore lint/a11y/noAutofocus: the author just asked to edit this message.
              autoFocus
              value={draft}
              rows={2}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
              className={`${inputClass} resize-y`}
            />
            {error && (
              <p role="alert" className="text-sm text-danger">
                {error}
              </p>
            )}
            <div className="flex gap-2">
              <Button size="sm" onClick={() => void save()}>
                Save
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          </div>
        ) : (
          <Markdown className="text-sm text-foreground">{message.body}</Markdown>
        )}
      </div>
      {!message.deleted && !editing && (message.mine || canDelete) && (
        <div className="flex shrink-0 items-start gap-1 opacity-100 sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
          {message.mine && (
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Edit message from ${formatDateTime(message.createdAt)}`}
              onClick={() => {
                setDraft(message.body);
                setEditing(true);
              }}
            >
              Edit
            </Button>
          )}
          {canDelete && (
            <Button
              size="sm"
              variant="danger-ghost"
              aria-label={`Delete message from ${formatDateTime(message.createdAt)}`}
              onClick={onDelete}
            >
              Delete
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
