import * as DropdownMenu from "@radix-ui/react-dropdown-menu";

/**
 * A dropdown menu's content, in a portal. The menus are not modal (a modal one aria-hides the page
 * while its links stay focusable), and a non-modal Radix menu closes when focus moves outside it.
 * Focus moves there without the person doing anything when a toast leaves (sonner hands focus back
 * to where it was): a menu opened just after clicking a toast's Undo closed by itself. Escape, Tab
 * and a click outside still close it.
 */
export function MenuContent(props: DropdownMenu.DropdownMenuContentProps) {
  return (
    <DropdownMenu.Portal>
      <DropdownMenu.Content onFocusOutside={(event) => event.preventDefault()} {...props} />
    </DropdownMenu.Portal>
  );
}
