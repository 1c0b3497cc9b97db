// Account field bounds shared by the server (better-auth options and hooks) and the web forms.
// No imports: the web bundle takes this file without any server code.

export const MIN_PASSWORD_LENGTH = 8;
/** A person's display name; better-auth sets no bound of its own. */
export const MAX_NAME_LENGTH = 100;

/**
 * Whether a name is one line: no line breaks or other control characters. Names go into mail
 * subjects and bodies, where a second line could pose as our own text.
 */
export function isOneLine(value: string): boolean {
  return !/\p{Cc}/u.test(value);
}
