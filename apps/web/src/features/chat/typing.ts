// Who is typing, per chat space: in memory only, fed by `chat.typing` events (features/chat/
// live.ts). Typing is never stored on the server either (services/chat.ts): an indicator shows
// for SHOWN_MS after the last event and then goes; one a resumed stream replays is ignored
// (live.ts: by the stream's `replayed`, not by comparing the event's time with this browser's
// clock, which may be minutes off the server's).
import { useEffect, useState } from "react";

/** How long "X is typing" stays after their last signal (they send one every 3 s while typing). */
const SHOWN_MS = 5_000;

const typers = new Map<string, Map<string, number>>();
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

export function heardTyping(spaceId: string, memberId: string) {
  let space = typers.get(spaceId);
  if (!space) {
    space = new Map();
    typers.set(spaceId, space);
  }
  space.set(memberId, Date.now() + SHOWN_MS);
  notify();
  setTimeout(notify, SHOWN_MS + 50);
}

/** Their message arrived: they are no longer typing it, wherever. */
export function stoppedTyping(memberId: string) {
  let changed = false;
  for (const space of typers.values()) changed = space.delete(memberId) || changed;
  if (changed) notify();
}

function typingIn(spaceId: string, except: string): string[] {
  const now = Date.now();
  const space = typers.get(spaceId);
  if (!space) return [];
  const ids: string[] = [];
  for (const [memberId, until] of space) {
    if (until <= now) space.delete(memberId);
    else if (memberId !== except) ids.push(memberId);
  }
  return ids.sort();
}

/** The members typing in a space now, the caller left out. */
export function useTypingIn(spaceId: string, self: string): string[] {
  const [ids, setIds] = useState(() => typingIn(spaceId, self));
  useEffect(() => {
    const update = () =>
      setIds((previous) => {
        const next = typingIn(spaceId, self);
        return next.join() === previous.join() ? previous : next;
      });
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, [spaceId, self]);
  return ids;
}
