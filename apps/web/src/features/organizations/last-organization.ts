// The organization opened last, so the start page can return to it. Only a convenience: the URL,
// not this, says which organization a page is about.
const KEY = "guild:last-organization";

export function lastOrganizationSlug(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function rememberOrganization(slug: string) {
  try {
    localStorage.setItem(KEY, slug);
  } catch {
    // Storage can be unavailable (private mode): the start page then picks the first organization.
  }
}
