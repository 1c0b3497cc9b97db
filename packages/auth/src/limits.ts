// Account field bounds shared by the server (better-auth options and hooks) and the web forms.
// No imports: the web bundle takes this file without any server code.

export const MIN_PASSWORD_LENGTH = 8;
/** A person's display name; better-auth sets no bound of its own. */
export const MAX_NAME_LENGTH = 100;
