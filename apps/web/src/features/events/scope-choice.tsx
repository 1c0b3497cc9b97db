import type { EditScope } from "./event-form-values.ts";

/**
 * One occurrence or more of a series, as radio buttons: the edit form's question and the cancel
 * and delete confirmations ask it in the same words, with what each choice means under it.
 */
export function ScopeChoice({
  name,
  value,
  onChange,
  choices,
}: {
  name: string;
  value: EditScope;
  onChange: (scope: EditScope) => void;
  choices: Record<EditScope, { label: string; detail?: string }>;
}) {
  const scopes: EditScope[] = ["occurrence", "series"];
  return (
    <>
      {scopes.map((scope) => (
        <label key={scope} className="flex items-start gap-2 text-sm text-foreground">
          <input
            type="radio"
            name={name}
            value={scope}
            checked={value === scope}
            onChange={() => onChange(scope)}
            className="mt-0.5"
          />
          <span>
            <span className="font-medium">{choices[scope].label}</span>
            {choices[scope].detail && (
              <span className="block text-muted-foreground">{choices[scope].detail}</span>
            )}
          </span>
        </label>
      ))}
    </>
  );
}
