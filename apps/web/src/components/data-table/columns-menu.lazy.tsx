import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, Columns3 } from "lucide-react";
import { buttonClass } from "../button.tsx";
import { MenuContent } from "../menu.tsx";

/** Show or hide a table's columns (the name column always shows, so it is not listed). */
export function ColumnsMenu({
  columns,
  hidden,
  onChange,
}: {
  columns: readonly { id: string; label: string }[];
  hidden: readonly string[];
  onChange: (hidden: string[]) => void;
}) {
  return (
    // Not modal: a modal menu aria-hides the page around it while its links stay focusable
    // (axe: aria-hidden-focus). Escape and a click outside still close it.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className={buttonClass("secondary", "sm")}>
        <Columns3 aria-hidden="true" className="size-4" />
        Columns
      </DropdownMenu.Trigger>
      <MenuContent
        align="end"
        sideOffset={4}
        className="z-30 min-w-44 rounded-lg border border-border bg-surface p-1 text-sm shadow-lg"
      >
        <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold text-muted-foreground">
          Show columns
        </DropdownMenu.Label>
        {columns.map((column) => {
          const shown = !hidden.includes(column.id);
          return (
            <DropdownMenu.CheckboxItem
              key={column.id}
              checked={shown}
              // Stays open: people usually change more than one column.
              onSelect={(event) => event.preventDefault()}
              onCheckedChange={(on) =>
                onChange(on ? hidden.filter((id) => id !== column.id) : [...hidden, column.id])
              }
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-foreground outline-none data-[highlighted]:bg-accent data-[highlighted]:text-accent-foreground"
            >
              <span className="grid size-4 place-items-center">
                <DropdownMenu.ItemIndicator>
                  <Check aria-hidden="true" className="size-4" />
                </DropdownMenu.ItemIndicator>
              </span>
              {column.label}
            </DropdownMenu.CheckboxItem>
          );
        })}
      </MenuContent>
    </DropdownMenu.Root>
  );
}
