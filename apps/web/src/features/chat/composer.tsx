import { messageBody } from "@guild/api/schemas/chat";
import { MESSAGE_BODY_MAX } from "@guild/db/enums";
import { SendHorizontal, Square } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useId, useState } from "react";
import type { ZodType } from "zod";
import { Button } from "../../components/button.tsx";
import { inputClass } from "../../components/field.tsx";
import { errorMessage, serverFieldErrors } from "../../lib/errors.ts";

/**
 * A message box for chat spaces and direct messages: Enter sends, Shift+Enter starts a new line
 * (and Enter while an input method is composing stays the method's). The text is checked with
 * the procedures' own schema before it goes; a refusal shows under the box and keeps the text.
 * The assistant's box passes its own schema and length, and `onStop` while an answer streams:
 * Send becomes Stop, and Enter waits for the answer.
 */
export function Composer({
  label,
  disabled,
  disabledReason,
  schema = messageBody,
  maxLength = MESSAGE_BODY_MAX,
  onSend,
  onStop,
  onTyping,
}: {
  /** The box's accessible name, e.g. "Message #lobby". */
  label: string;
  disabled?: boolean;
  /** Shown instead of the box when writing is not possible (an archived space, a block). */
  disabledReason?: string | null;
  schema?: ZodType<string>;
  maxLength?: number;
  onSend(body: string): Promise<unknown>;
  /** Something is under way (an answer streaming): offered instead of Send. */
  onStop?: () => void;
  onTyping?(): void;
}) {
  const id = useId();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const send = async () => {
    const checked = schema.safeParse(body);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? "Write a message");
      return;
    }
    setPending(true);
    try {
      await onSend(checked.data);
      setBody("");
      setError(null);
    } catch (refusal) {
      setError(serverFieldErrors(refusal).body?.[0] ?? errorMessage(refusal));
    } finally {
      setPending(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending && !onStop) void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (!pending && !onStop) void send();
    }
  };

  if (disabledReason)
    return (
      <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
        {disabledReason}
      </p>
    );
  return (
    <form onSubmit={submit} className="space-y-1">
      <div className="flex items-end gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <textarea
          id={id}
          rows={2}
          value={body}
          maxLength={maxLength}
          disabled={disabled}
          placeholder={`${label} (Enter sends, Shift+Enter adds a line)`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onKeyDown={onKeyDown}
          onChange={(event) => {
            setBody(event.target.value);
            if (error) setError(null);
            if (event.target.value.trim()) onTyping?.();
          }}
          className={`${inputClass} max-h-40 min-h-11 resize-y`}
        />
        {/* Keyed apart: one button element turned from Stop into Send during the click that
            stopped would then submit the form at the end of that same click. */}
        {onStop ? (
          <Button key="stop" variant="secondary" onClick={onStop} aria-label="Stop">
            <Square aria-hidden="true" className="size-4" />
            <span className="hidden sm:inline">Stop</span>
          </Button>
        ) : (
          <Button key="send" type="submit" pending={pending} disabled={disabled} aria-label="Send">
            <SendHorizontal aria-hidden="true" className="size-4" />
            <span className="hidden sm:inline">Send</span>
          </Button>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
