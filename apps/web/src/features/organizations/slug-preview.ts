import { organizationSlug } from "@guild/api/schemas/organization";

/**
 * The address an organization's slug gives, as the slug field previews it: only for a slug the
 * server would take, so the preview never shows an address that cannot exist ("/o/My Org!").
 */
export function slugAddress(origin: string, typed: string): string | null {
  const parsed = organizationSlug.safeParse(typed);
  return parsed.success ? `${origin}/o/${parsed.data}` : null;
}
