// The first answers the server put into this page's shell for a signed-in load (@guild/api's
// first-load.ts): the session and the organization in the address, and where that
// organization's event stream stands. The tRPC client answers those first calls from them
// instead of the network, so the screen asks for its own data at once instead of after two
// round trips in sequence.
import {
  FIRST_LOAD_ELEMENT_ID,
  type FirstLoadAnswer,
  inputKey,
  isFirstLoad,
} from "@guild/api/first-load-shape";
import { transformer } from "@guild/api/transformer";
import type { TRPCLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { observable } from "@trpc/server/observable";

function read() {
  const element =
    typeof document === "undefined" ? null : document.getElementById(FIRST_LOAD_ELEMENT_ID);
  if (!element?.textContent) return null;
  try {
    const parsed: unknown = JSON.parse(element.textContent);
    return isFirstLoad(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

const keyOf = (organization: string | null, path: string, input: unknown) =>
  `${organization ?? ""} ${path} ${inputKey(input)}`;

const state = read();
const answers = new Map<string, FirstLoadAnswer>(
  state?.answers.map((answer) => [keyOf(answer.org, answer.path, answer.input), answer]) ?? [],
);
let eventsFrom = state?.events ?? null;

/**
 * As fresh as a cached answer: the query cache holds answers 30 s (staleTime), so one read while
 * the page was served stands in for a call made within that time of the page's start, and no
 * later (a tab left on its loading screen asks again).
 */
const FRESH_MS = 30_000;

/**
 * The answer for a call, once: later calls (a refetch, Try again) go to the network. Undefined
 * when the shell has none for it.
 */
function takeAnswer(organization: string | null, path: string, input: unknown): unknown {
  const key = keyOf(organization, path, input);
  const answer = answers.get(key);
  if (!answer) return undefined;
  answers.delete(key);
  if (performance.now() > FRESH_MS) return undefined;
  return transformer.deserialize(answer.result);
}

/**
 * The link that answers the shell's calls (first in a client's chain): a query with the input the
 * shell holds an answer for, for the client's organization (null: the account client).
 */
export function firstLoadLink<TRouter extends AnyRouter>(
  organization: string | null,
): TRPCLink<TRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type !== "query" || answers.size === 0) return next(op);
      const data = takeAnswer(organization, op.path, op.input);
      if (data === undefined) return next(op);
      return observable((observer) => {
        observer.next({ result: { type: "data", data } });
        observer.complete();
      });
    };
}

/**
 * Where the organization's first event stream of this page resumes, once: the answers the page
 * fetched were all read after it, so nothing before it is news, and everything after it the
 * stream replays. Null: a fresh stream (its `ready` makes what was fetched before it stale).
 */
export function takeFirstEventPosition(organization: string): string | null {
  if (eventsFrom?.org !== organization) return null;
  const { lastEventId } = eventsFrom;
  eventsFrom = null;
  return lastEventId;
}
