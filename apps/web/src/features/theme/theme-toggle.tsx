import { Monitor, Moon, Sun } from "lucide-react";
import { useId } from "react";
import { setThemeChoice, type ThemeChoice, useThemeChoice } from "./theme.ts";

const options: { value: ThemeChoice; label: string; Icon: typeof Sun }[] = [
  { value: "system", label: "System", Icon: Monitor },
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
];

/**
 * System, light or dark, as three radio buttons drawn as one segmented control: native radios
 * give the arrow keys and the "1 of 3" announcement for free. `layout` fits where it sits: words in
 * the sidebar, icons in a header or the collapsed sidebar (names stay for screen readers and as
 * tooltips).
 */
export function ThemeToggle({ layout = "labels" }: { layout?: "labels" | "icons" | "column" }) {
  const choice = useThemeChoice();
  const name = useId();
  const iconsOnly = layout !== "labels";
  return (
    <fieldset className="min-w-0">
      <legend className="sr-only">Theme</legend>
      <div
        className={`flex gap-0.5 rounded-md bg-muted p-0.5 ${layout === "column" ? "flex-col" : ""}`}
      >
        {options.map(({ value, label, Icon }) => (
          <label
            key={value}
            title={iconsOnly ? `${label} theme` : undefined}
            className="relative flex min-w-0 flex-1 cursor-pointer items-center justify-center gap-1 rounded px-1 py-1 text-xs font-medium text-muted-foreground hover:text-foreground has-checked:bg-surface has-checked:text-foreground has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-ring"
          >
            <input
              type="radio"
              name={name}
              value={value}
              checked={choice === value}
              onChange={() => setThemeChoice(value)}
              // Invisible over the whole segment: the click lands on the radio itself.
              className="absolute inset-0 cursor-pointer opacity-0"
            />
            <Icon aria-hidden="true" className="size-4 shrink-0" strokeWidth={1.75} />
            <span className={iconsOnly ? "sr-only" : "truncate"}>{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
