// Account field bounds shared by the server (better-auth options and hooks) and the web forms.
// No imports: the web bundle takes this file without any server code.

export const MIN_PASSWORD_LENGTH = 8;
/**
 * What a too short password is told, by the forms before sending and by the server after (a
 * client that skips the form's check gets the same sentence, not better-auth's "Password too
 * short").
 */
export const PASSWORD_TOO_SHORT = `Use at least ${MIN_PASSWORD_LENGTH} characters for the password.`;

/** The form's check of a new password: the message to show, or null when it will do. */
export function newPasswordProblem(password: string): string | null {
  return password.length < MIN_PASSWORD_LENGTH ? PASSWORD_TOO_SHORT : null;
}
/** A person's display name; better-auth sets no bound of its own. */
export const MAX_NAME_LENGTH = 100;

/**
 * Control characters (\p{Cc}: line feed, carriage return, tab, NUL…), the Unicode line and
 * paragraph separators (U+2028, U+2029), and the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069).
 */
const NOT_ONE_LINE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/**
 * Whether a name is one line that reads as it is written. Names go into mail subjects and bodies,
 * where a second line could pose as our own text, and a bidi override makes the text display in
 * another order than it is stored (a subject showing "Acme" reversed, a file name ending in
 * ".pdf" that is an ".exe"). Other scripts (Arabic, Hebrew) still display right to left by
 * themselves.
 */
export function isOneLine(value: string): boolean {
  return !NOT_ONE_LINE.test(value);
}
