import { TextareaField } from "../../components/field.tsx";

/**
 * A studio post's text with its live count ("312 / 500 characters", as the short update's
 * composer says it): the limit is the server's (zod and a CHECK), counted the way zod's max
 * counts, so what the counter allows saves. While a generation streams in, the text grows on
 * its own and cannot be typed in.
 */
export function PostBodyField({
  id,
  label = "Post",
  value,
  max,
  readOnly = false,
  busy = false,
  error,
  onChange,
}: {
  id: string;
  label?: string;
  value: string;
  max: number;
  /** Not to be typed in: a generation is writing it, or it is scheduled or published. */
  readOnly?: boolean;
  /** A generation is writing it now. */
  busy?: boolean;
  error?: string[] | undefined;
  onChange: (value: string) => void;
}) {
  const over = value.length > max;
  return (
    <TextareaField
      id={id}
      label={label}
      rows={8}
      value={value}
      readOnly={readOnly}
      aria-busy={busy || undefined}
      onChange={(event) => onChange(event.target.value)}
      error={[
        ...(error ?? []),
        ...(over ? [`${value.length - max} characters over the limit`] : []),
      ]}
      hint={
        <span className={`block text-right tabular-nums ${over ? "font-medium text-danger" : ""}`}>
          {value.length.toLocaleString("en")} / {max} characters
        </span>
      }
    />
  );
}
