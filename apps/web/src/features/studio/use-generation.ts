import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useOrgTRPC, useOrgTRPCClient } from "../../lib/trpc.ts";
import type { Brief } from "./brief-form.tsx";
import type { StudioPost } from "./use-studio.ts";

export type GenerationState =
  | { status: "idle" }
  | { status: "streaming"; text: string }
  /** Saved by the server as a draft, with its metadata. */
  | { status: "done"; text: string; post: StudioPost }
  /** Stopped by the member: the server dropped the draft and gave the credit back. */
  | { status: "stopped"; text: string }
  | { status: "failed"; text: string; error: unknown };

/** A fresh key per generation: the server spends its credit once however often it is sent. */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `gen_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * A generation streamed from studio.generate: `started` (the credit spent), the text growing as
 * the model's deltas arrive, then `done` with the saved draft. Stop ends the subscription, which
 * stops the provider's call on the server and gives the credit back; leaving the screen does the
 * same. The balance and the studio's lists are read again as it goes.
 */
export function useGeneration() {
  const client = useOrgTRPCClient();
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<GenerationState>({ status: "idle" });
  const subscription = useRef<{ unsubscribe(): void } | null>(null);

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries(trpc.credit.balance.pathFilter());
    void queryClient.invalidateQueries(trpc.studio.pathFilter());
  }, [queryClient, trpc]);

  const start = useCallback(
    (brief: Brief) => {
      subscription.current?.unsubscribe();
      setState({ status: "streaming", text: "" });
      let text = "";
      subscription.current = client.studio.generate.subscribe(
        { ...brief, idempotencyKey: idempotencyKey() },
        {
          onData: (event) => {
            if (event.type === "started") {
              // The credit is spent: the balance shows it while the words come.
              void queryClient.invalidateQueries(trpc.credit.balance.pathFilter());
            } else if (event.type === "delta") {
              text += event.text;
              setState({ status: "streaming", text });
            } else {
              setState({ status: "done", text: event.post.body, post: event.post });
            }
          },
          onError: (error) => {
            subscription.current = null;
            setState({ status: "failed", text, error });
            refresh();
          },
          onComplete: () => {
            subscription.current = null;
            refresh();
          },
        },
      );
    },
    [client, queryClient, trpc, refresh],
  );

  const stop = useCallback(() => {
    if (!subscription.current) return;
    subscription.current.unsubscribe();
    subscription.current = null;
    setState((current) =>
      current.status === "streaming" ? { status: "stopped", text: current.text } : current,
    );
    // The server gives the credit back once it sees the stream end, a moment after this: the
    // balance is read now and again a second later.
    refresh();
    window.setTimeout(refresh, 1_000);
  }, [refresh]);

  const reset = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = null;
    setState({ status: "idle" });
  }, []);

  // Leaving the screen mid-stream stops the generation (the server gives the credit back).
  useEffect(() => () => subscription.current?.unsubscribe(), []);

  return { state, start, stop, reset };
}
