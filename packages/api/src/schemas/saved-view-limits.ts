// Apart from saved-view.ts and free of zod: the leads list's view menu caps the name field with
// it, and should not download zod before its first paint. saved-view.ts re-exports them.
export const SAVED_VIEW_NAME_MAX = 60;
/** More than a person keeps per screen; a script making thousands is refused. */
export const SAVED_VIEWS_PER_MEMBER = 50;
