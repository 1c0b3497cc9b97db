import { joinPolicies } from "@guild/db/enums";
import { z } from "zod";
import { lineOfText, text } from "./common.ts";
import { timeZone } from "./profile.ts";

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

/** What the public page says about the organization: plain text, a few short paragraphs. */
export const organizationDescription = text()
  .trim()
  .max(1000, "The description must be at most 1,000 characters");

/**
 * The organization's accent colour, #rrggbb (the web derives a readable text colour for it).
 * Stored lower case, as the database's CHECK expects.
 */
export const accentColor = text()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, "Use a colour like #4f46e5 (# and six hex digits)");

export const joinPolicy = z.enum(joinPolicies, "Choose who may join");

export const createOrganizationInput = z.object({ name: organizationName, slug: organizationSlug });
export const updateOrganizationInput = z
  .object({
    name: organizationName.optional(),
    slug: organizationSlug.optional(),
    description: organizationDescription.optional(),
    /** null: back to Guild's own accent. */
    accentColor: accentColor.nullable().optional(),
    timeZone: timeZone.optional(),
    showPublicPosts: z.boolean().optional(),
    joinPolicy: joinPolicy.optional(),
    /** The ISO day leaderboard weeks start on: 1 Monday … 7 Sunday. */
    weekStartsOn: z
      .number("Choose the day weeks start on")
      .int("Choose the day weeks start on")
      .min(1, "Choose the day weeks start on")
      .max(7, "Choose the day weeks start on")
      .optional(),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), "Nothing to change");
export const removeOrganizationInput = z.object({
  confirmName: text().min(1, "Type the organization's name to confirm"),
});
export const slugAvailableInput = z.object({ slug: text() });
