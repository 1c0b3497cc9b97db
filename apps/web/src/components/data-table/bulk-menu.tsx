import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown } from "lucide-react";
import { buttonClass } from "../button.tsx";
import { MenuContent } from "../menu.tsx";

/**
 * A bulk action with a choice ("Change status" → Contacted): a menu button in the selection bar
 * whose items each apply the action to the selection.
 */
export function BulkMenu<T extends string>({
  label,
  options,
  labelOf,
  disabled,
  onSelect,
}: {
  label: string;
  options: readonly T[];
  labelOf: (option: T) => string;
  disabled: boolean;
  onSelect: (option: T) => void;
}) {
  return (
    // Not modal: a modal menu aria-hides the page around it while its links stay focusable
    // (axe: aria-hidden-focus). Escape and a click outside still close it.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className={buttonClass("secondary", "sm")} disabled={disabled}>
        {label}
        <ChevronDown aria-hidden="true" className="size-4" />
      </DropdownMenu.Trigger>
      <MenuContent
        align="start"
        sideOffset={4}
        className="z-30 min-w-40 rounded-lg border border-border bg-surface p-1 text-sm shadow-lg"
      >
        {options.map((option) => (
          <DropdownMenu.Item
            key={option}
            onSelect={() => onSelect(option)}
            className="cursor-pointer rounded px-2 py-1.5 text-foreground outline-none data-[highlighted]:bg-accent data-[highlighted]:text-accent-foreground"
          >
            {labelOf(option)}
          </DropdownMenu.Item>
        ))}
      </MenuContent>
    </DropdownMenu.Root>
  );
}
