// Spaces: the inputs of the space procedures, shared with the web's space screens and forms.
import { spaceTypes, spaceVisibilities } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, lineOfText, text } from "./common.ts";

/** A space's address in its organization: what the database's space_slug_check allows. */
export const SPACE_SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SPACE_SLUG = 60;

export const spaceSlug = z
  .string("Enter an address")
  .trim()
  .toLowerCase()
  .min(1, "Enter an address")
  .max(MAX_SPACE_SLUG, `At most ${MAX_SPACE_SLUG} characters`)
  .regex(SPACE_SLUG_PATTERN, "Use lowercase letters, digits and single dashes");

/** A space's fields, as the admins' create and edit dialog edits them. */
export const spaceFields = z.object({
  name: lineOfText().trim().min(1, "Name the space").max(80, "At most 80 characters"),
  slug: spaceSlug,
  description: text().trim().max(500, "At most 500 characters"),
  /** An emoji, or nothing. */
  icon: lineOfText().trim().max(16, "One emoji is enough"),
  type: z.enum(spaceTypes, "Choose a type"),
  visibility: z.enum(spaceVisibilities, "Choose who can see it"),
  /** The sidebar group; "" lists it among the ungrouped spaces. */
  section: lineOfText().trim().max(60, "At most 60 characters"),
});
export type SpaceFields = z.infer<typeof spaceFields>;

export const createSpaceInput = spaceFields.extend({
  /** A paid space's tiers (ignored for public and private spaces). */
  tierIds: z.array(idSchema).max(50).default([]),
});
export const updateSpaceInput = spaceFields.extend({ id: idSchema });

export const listSpacesInput = z
  .object({
    /** Archived spaces too (moderators and up; ignored for members). */
    includeArchived: z.boolean().default(false),
  })
  .default({ includeArchived: false });

export const spaceBySlugInput = z.object({ slug: z.string().trim().toLowerCase().max(200) });
export const spaceIdInput = z.object({ spaceId: idSchema });
export const archiveSpaceInput = z.object({ id: idSchema, archived: z.boolean() });
export const muteSpaceInput = z.object({ spaceId: idSchema, muted: z.boolean() });
export const spaceMemberInput = z.object({ spaceId: idSchema, memberId: idSchema });
export const setSpaceTiersInput = z.object({
  spaceId: idSchema,
  tierIds: z.array(idSchema).max(50),
});

/** The sidebar's order: sections in order, each with its spaces in order. */
export const reorderSpacesInput = z.object({
  sections: z
    .array(
      z.object({
        name: lineOfText().trim().max(60, "At most 60 characters"),
        spaceIds: z.array(idSchema).max(500),
      }),
    )
    .max(100),
});
