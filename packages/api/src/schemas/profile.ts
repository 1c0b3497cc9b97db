// Member profiles (issue 11): the inputs the profile form and the profile procedures share.
import {
  BIO_MAX,
  DISPLAY_NAME_MAX,
  HEADLINE_MAX,
  isReservedUsername,
  profileLanguages,
  USERNAME_MAX,
  USERNAME_MIN,
} from "@guild/db/enums";
import { z } from "zod";
import { idSchema, lineOfText, text } from "./common.ts";

export { BIO_MAX, DISPLAY_NAME_MAX, HEADLINE_MAX, profileLanguages, USERNAME_MAX, USERNAME_MIN };

/**
 * An @username: typed in any case (and with the @ if pasted from a mention), stored lowercase,
 * so "Ada" and "ada" are one name in the organization.
 */
export const username = text()
  .trim()
  .transform((value) => value.replace(/^@/, "").toLowerCase())
  .pipe(
    z
      .string()
      .min(USERNAME_MIN, `Username must be at least ${USERNAME_MIN} characters`)
      .max(USERNAME_MAX, `Username must be at most ${USERNAME_MAX} characters`)
      .regex(/^[a-z0-9_]+$/, "Use only letters, digits and underscores")
      .refine((value) => !isReservedUsername(value), "This username is reserved"),
  );

export const displayName = lineOfText()
  .trim()
  .min(1, "Enter the name people see")
  .max(DISPLAY_NAME_MAX, `Name must be at most ${DISPLAY_NAME_MAX} characters`);

const timeZones = new Set(Intl.supportedValuesOf("timeZone"));

/** An IANA time zone this runtime knows ("Europe/Paris"); UTC too, which the list may omit. */
export const timeZone = text()
  .trim()
  .refine((zone) => zone === "UTC" || timeZones.has(zone), "Choose a time zone from the list");

export const profileLanguage = z.enum(profileLanguages, "Choose a language from the list");

/** The member's own profile form: every field, as the form holds it. */
export const updateProfileInput = z.object({
  displayName,
  username,
  headline: lineOfText()
    .trim()
    .max(HEADLINE_MAX, `Headline must be at most ${HEADLINE_MAX} characters`),
  bio: text().trim().max(BIO_MAX, `Bio must be at most ${BIO_MAX} characters`),
  /** null: not said. */
  timeZone: timeZone.nullable(),
  language: profileLanguage.nullable(),
});
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

/** An admin renaming a member (a name that misleads, a username that offends). */
export const updateMemberProfileInput = z
  .object({
    memberId: idSchema,
    displayName: displayName.optional(),
    username: username.optional(),
  })
  .refine((v) => v.displayName !== undefined || v.username !== undefined, "Nothing to change");

export const byUsernameInput = z.object({ username: text().trim().max(100) });

/** The @mention autocomplete: members whose username or name starts with what was typed. */
export const mentionSearchInput = z.object({
  prefix: text()
    .trim()
    .max(USERNAME_MAX)
    .transform((value) => value.replace(/^@/, "").toLowerCase()),
  limit: z.number().int().min(1).max(20).default(8),
});
