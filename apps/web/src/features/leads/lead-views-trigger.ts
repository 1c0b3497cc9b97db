/**
 * The saved views menu's button (lead-views.tsx), and the look of its place on the leads screen
 * while the menu's code loads: apart, so the screen's own chunk does not import the menu.
 */
export const viewsTriggerClass =
  "inline-flex max-w-64 items-center gap-1 rounded-md bg-surface px-3 py-1.5 text-sm font-medium text-foreground shadow-sm ring-1 ring-inset ring-input hover:bg-subtle";
