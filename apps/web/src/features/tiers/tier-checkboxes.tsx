import { useId } from "react";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { useTiers } from "./use-tiers.ts";

/**
 * The tiers on offer as checkboxes (a paid space's or a course's tiers): the chosen tier ids in,
 * the new list out, with the error of the list under it.
 */
export function TierCheckboxes({
  legend,
  hint,
  selected,
  onChange,
  error,
  className,
}: {
  legend: string;
  hint: string;
  selected: string[];
  onChange: (tierIds: string[]) => void;
  error: string[] | undefined;
  className?: string;
}) {
  const tiers = useTiers(false);
  const id = useId();
  return (
    <fieldset className={className} aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-foreground">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {hint}
      </p>
      {tiers.isPending && <p className="mt-2 text-sm text-muted-foreground">Loading tiers…</p>}
      {tiers.isError && <ErrorAlert error={tiers.error} />}
      {tiers.data?.length === 0 && (
        <p className="mt-2 text-sm text-muted-foreground">
          No tiers yet: create them under Member tiers.
        </p>
      )}
      <div className="mt-2 grid gap-1 sm:grid-cols-2">
        {tiers.data?.map((tier) => (
          <label key={tier.id} className="flex items-center gap-2 text-sm text-foreground">
            <input
              type="checkbox"
              className="size-4"
              checked={selected.includes(tier.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? [...selected, tier.id]
                    : selected.filter((tierId) => tierId !== tier.id),
                )
              }
            />
            {tier.name}
          </label>
        ))}
      </div>
      {error && <p className="mt-1 text-sm text-danger">{error[0]}</p>}
    </fieldset>
  );
}
