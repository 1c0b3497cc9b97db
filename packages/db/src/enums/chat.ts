// Chat spaces and direct messages (issue 11): the limits the database's CHECKs, the API's zod
// schemas and the web's composer share.

/** The longest chat or direct message, in characters (markdown source). */
export const MESSAGE_BODY_MAX = 4000;

/** The most people in one conversation, the starter included: small groups, not channels. */
export const CONVERSATION_MAX_MEMBERS = 8;

/** What a direct message's system line says happened: its author added or removed someone, or left. */
export const DM_SYSTEM_EVENTS = ["added", "removed", "left"] as const;
export type DmSystemEvent = (typeof DM_SYSTEM_EVENTS)[number];
