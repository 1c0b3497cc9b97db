// Answers still arriving, outside React: a question asked from the new-conversation screen goes
// on streaming while the address changes to the conversation the server made for it (another
// route, so another component tree), and an answer keeps streaming when the member looks at
// another conversation and comes back. Keyed by organization and conversation ("new" until the
// server names it). The saved history takes over once it holds the question and its answer.
import { useSyncExternalStore } from "react";
import type { AssistantError } from "./assistant-errors.ts";

export interface LiveAnswer {
  conversationId: string | null;
  question: string;
  answer: string;
  tools: string[];
  credits: number | null;
  status: "sending" | "streaming" | "complete" | "stopped" | "failed";
  error: AssistantError | null;
  /** Messages the conversation's history held when the question went (0 for a new one). */
  baseCount: number;
  /** Ends the stream: the server aborts the provider call and keeps what was said. */
  stop(): void;
}

const answers = new Map<string, LiveAnswer>();
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function liveKey(slug: string, conversationId: string | null) {
  return `${slug}:${conversationId ?? "new"}`;
}

export function setLiveAnswer(key: string, answer: LiveAnswer) {
  answers.set(key, answer);
  emit();
}

export function updateLiveAnswer(key: string, patch: Partial<LiveAnswer>) {
  const current = answers.get(key);
  if (!current) return;
  answers.set(key, { ...current, ...patch });
  emit();
}

/** The server named the conversation a new question made: the answer follows it there. */
export function moveLiveAnswer(from: string, to: string) {
  const current = answers.get(from);
  if (!current) return;
  answers.delete(from);
  answers.set(to, current);
  emit();
}

export function getLiveAnswer(key: string): LiveAnswer | undefined {
  return answers.get(key);
}

export function dropLiveAnswer(key: string) {
  if (answers.delete(key)) emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useLiveAnswer(key: string): LiveAnswer | undefined {
  return useSyncExternalStore(subscribe, () => answers.get(key));
}

/**
 * The first question of a new conversation was asked from the box of another screen: the
 * conversation's screen gives its own box the focus when it opens (once).
 */
let focusHandedTo: string | null = null;

export function handOverFocus(conversationId: string) {
  focusHandedTo = conversationId;
}

export function takeFocusHandOver(conversationId: string): boolean {
  if (focusHandedTo !== conversationId) return false;
  focusHandedTo = null;
  return true;
}
