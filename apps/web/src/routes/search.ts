import { optionalString, type SearchInput } from "../lib/search-params.ts";

/** `?redirect=/path`: where to go once signed in. Checked by safeRedirect before use. */
export const redirectSearch = (search: SearchInput): { redirect?: string | undefined } => ({
  redirect: optionalString(search.redirect),
});

/** ?key: the invitation link's key, from the mail (the API's invitation-key.ts). */
export const invitationLinkSearch = (search: SearchInput): { key?: string | undefined } => ({
  key: optionalString(search.key),
});
