import { isOneLine } from "@guild/auth/limits";
import { z } from "zod";
import { humanMessage } from "./messages.ts";

// For every schema (here and in the web's forms, which import these): a check without a message
// of its own says a sentence, not zod's developer wording (see messages.ts).
z.config({ customError: humanMessage });

export const idSchema = z.uuid("Invalid id");
export const byIdInput = z.object({ id: idSchema });

/**
 * A string PostgreSQL can store. Its text types refuse the NUL character (SQLSTATE 22021), so
 * without this check a pasted or forged "\u0000" reached the database and failed as a 500.
 * Every free-text input starts here.
 */
export const text = () =>
  z
    .string()
    // abort: the checks after this one (length, format, one line) would only say it again.
    .refine((value) => !value.includes("\0"), {
      message: "Remove the invalid character (NUL)",
      abort: true,
    });

/**
 * One line of text, for names that end up in mail subjects and bodies (an organization's): no
 * line breaks or other control characters, so a name cannot write a second line into our mails.
 */
export const lineOfText = () =>
  text().refine(isOneLine, "Use a single line, without control characters");

/**
 * A web address: http or https only. javascript:, data: and the like would run or render in the
 * page of whoever opens them. `empty` is what an empty field is told.
 */
export const webAddress = (max: number, empty: string) =>
  text()
    .trim()
    .min(1, empty)
    .max(max, `An address has at most ${max} characters`)
    .pipe(
      z.url({
        protocol: /^https?$/,
        hostname: z.regexes.domain,
        error: "Enter a web address starting with http:// or https://",
      }),
    );

// The range PostgreSQL's timestamptz and a browser's date pickers agree on.
const EARLIEST = new Date("0001-01-01T00:00:00Z");
const LATEST = new Date("9999-12-31T23:59:59.999Z");

/** A timestamp input PostgreSQL accepts (a Date near JavaScript's limits is out of its range). */
export const timestamp = () =>
  z.date("Invalid date").min(EARLIEST, "Date out of range").max(LATEST, "Date out of range");

/**
 * An opaque page cursor's text: a JSON tuple of ASCII (names, digits, uuids), base64url so it
 * travels in a URL as it is. Feeds and search encode their own tuples with it.
 */
export const toBase64Url = (value: string) =>
  btoa(value).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
export const fromBase64Url = (value: string) => atob(value.replace(/-/g, "+").replace(/_/g, "/"));
