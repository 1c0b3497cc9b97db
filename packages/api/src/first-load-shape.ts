// The shape of the first answers an app shell carries (first-load.ts writes them, the web app
// reads them): no server code here, the web app imports it.

/** The id of the <script type="application/json"> element that holds them. */
export const FIRST_LOAD_ELEMENT_ID = "guild-first-load";

/** One call's answer, as the wire carries it (transformer.serialize). */
export interface FirstLoadAnswer {
  /** The organization the call names (the client bound to its slug), or null for the account's. */
  org: string | null;
  /** The procedure, e.g. "me.session". */
  path: string;
  /** The call's input (plain JSON), when it takes one: only a call with this same input matches. */
  input?: unknown;
  result: unknown;
}

export interface FirstLoad {
  answers: FirstLoadAnswer[];
  /**
   * The organization's event log position, read before its answers: a stream that resumes from
   * it misses nothing those answers (or anything fetched later) could lack.
   */
  events: { org: string; lastEventId: string } | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function isAnswer(value: unknown): value is FirstLoadAnswer {
  return (
    isRecord(value) &&
    (value.org === null || typeof value.org === "string") &&
    typeof value.path === "string" &&
    "result" in value
  );
}

/**
 * A call's input as text that does not depend on the order of its keys: the key an answer is
 * found by ("" without input).
 */
export function inputKey(input: unknown): string {
  if (input === undefined) return "";
  return JSON.stringify(input, (_key, value: unknown) =>
    isRecord(value) ? Object.fromEntries(Object.entries(value).sort(byKey)) : value,
  );
}

/**
 * Code-unit order: any fixed order will do for a key. Not localeCompare: its first call builds
 * an ICU collator, which the web app paid on every signed-in load while reading the shell's
 * answers (about 100 ms of main thread on Lighthouse's phone, all of it blocking).
 */
function byKey([a]: [string, unknown], [b]: [string, unknown]) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether parsed JSON has the shape (the answers' results are the transformer's to read). */
export function isFirstLoad(value: unknown): value is FirstLoad {
  if (!isRecord(value) || !Array.isArray(value.answers) || !value.answers.every(isAnswer))
    return false;
  const { events } = value;
  return (
    events === null ||
    (isRecord(events) && typeof events.org === "string" && typeof events.lastEventId === "string")
  );
}
