import { z } from "zod";
import { lineOfText, text } from "./common.ts";

// Words a slug cannot take because the app's own URLs use them.
export const reservedSlugs = [
  "new",
  "api",
  "admin",
  "settings",
  "dev",
  "invitations",
  "account",
  "o",
];

export const organizationName = lineOfText()
  .trim()
  .min(2, "Name must be at least 2 characters")
  .max(80, "Name must be at most 80 characters");

export const organizationSlug = text()
  .trim()
  .toLowerCase()
  .min(3, "Slug must be at least 3 characters")
  .max(40, "Slug must be at most 40 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes")
  .refine((s) => !reservedSlugs.includes(s), "This slug is reserved");

export const createOrganizationInput = z.object({ name: organizationName, slug: organizationSlug });
export const updateOrganizationInput = z
  .object({ name: organizationName.optional(), slug: organizationSlug.optional() })
  .refine((v) => v.name !== undefined || v.slug !== undefined, "Nothing to change");
export const removeOrganizationInput = z.object({
  confirmName: text().min(1, "Type the organization's name to confirm"),
});
export const slugAvailableInput = z.object({ slug: text() });
