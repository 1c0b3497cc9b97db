import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";

const controlClass =
  "block w-full rounded-md border-0 bg-surface px-3 py-2 text-sm text-foreground shadow-sm ring-1 ring-inset ring-input placeholder:text-faint-foreground focus:ring-2 focus:ring-ring focus:outline-none aria-[invalid=true]:ring-danger disabled:bg-muted disabled:text-muted-foreground read-only:bg-subtle read-only:text-muted-foreground";

/** Bare controls styled like the fields, for compact controls that carry their own label. */
export const inputClass = controlClass;
export const selectClass = `${controlClass} select-chevron pr-8`;

interface ShellProps {
  id: string;
  label: ReactNode;
  error?: string[] | string | undefined;
  hint?: ReactNode;
  className?: string | undefined;
  children: ReactNode;
}

function errorsOf(error: string[] | string | undefined): string[] {
  if (!error) return [];
  return typeof error === "string" ? [error] : error;
}

function asSentence(message: string): string {
  return /[.!?…]$/.test(message) ? message : `${message}.`;
}

/** A field's label, hint and errors around any control (see useControl for its aria wiring). */
export function FieldShell({ id, label, error, hint, className = "", children }: ShellProps) {
  const errors = errorsOf(error);
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium text-foreground">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {/* One line per message, each a sentence: joined, two read as one ("…3 characters Use…"). */}
      {errors.length > 0 && (
        <div id={`${id}-error`} className="space-y-0.5 text-sm text-danger">
          {errors.map((message) => (
            <p key={message}>{asSentence(message)}</p>
          ))}
        </div>
      )}
    </div>
  );
}

function describedBy(id: string, error: string[] | string | undefined, hint: ReactNode) {
  const ids = [hint ? `${id}-hint` : null, errorsOf(error).length ? `${id}-error` : null].filter(
    Boolean,
  );
  return ids.length ? ids.join(" ") : undefined;
}

/** The id and aria wiring every field control shares (label, hint and error stay linked). */
export function useControl(
  givenId: string | undefined,
  error: CommonProps["error"],
  hint: ReactNode,
) {
  const generated = useId();
  const id = givenId ?? generated;
  return {
    id,
    "aria-invalid": errorsOf(error).length > 0 || undefined,
    "aria-describedby": describedBy(id, error, hint),
  };
}

export interface CommonProps {
  label: ReactNode;
  error?: string[] | string | undefined;
  hint?: ReactNode;
  className?: string;
}

export function TextField({
  label,
  error,
  hint,
  className,
  id: givenId,
  ...props
}: CommonProps & InputHTMLAttributes<HTMLInputElement>) {
  const control = useControl(givenId, error, hint);
  return (
    <FieldShell id={control.id} label={label} error={error} hint={hint} className={className}>
      <input className={controlClass} {...control} {...props} />
    </FieldShell>
  );
}

export function SelectField({
  label,
  error,
  hint,
  className,
  id: givenId,
  children,
  ...props
}: CommonProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const control = useControl(givenId, error, hint);
  return (
    <FieldShell id={control.id} label={label} error={error} hint={hint} className={className}>
      <select className={selectClass} {...control} {...props}>
        {children}
      </select>
    </FieldShell>
  );
}

export function TextareaField({
  label,
  error,
  hint,
  className,
  id: givenId,
  ...props
}: CommonProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const control = useControl(givenId, error, hint);
  return (
    <FieldShell id={control.id} label={label} error={error} hint={hint} className={className}>
      <textarea className={controlClass} {...control} {...props} />
    </FieldShell>
  );
}
