// Webhook delivery as Stripe does it: a JSON POST per event and endpoint, signed with
// `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body" keyed by the whole whsec_ secret>`
// (what stripe.webhooks.constructEvent verifies), retried with backoff on a non-2xx answer or a
// network error. Each endpoint gets its events in order; a retry waits on a timer and does not hold
// up the events behind it. Every attempt is recorded for tests and the /_stand-in/deliveries page.
import { createHmac } from "node:crypto";
import type { StoredEvent } from "./state.ts";

export interface WebhookTarget {
  url: string;
  secret: string;
  /** true: Connect events only; false: the platform's own; "both": everything. */
  connect: boolean | "both";
  enabledEvents: readonly string[];
}

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

export interface Delivery {
  eventId: string;
  type: string;
  account: string | null;
  url: string;
  attempts: DeliveryAttempt[];
  delivered: boolean;
  /** No more attempts will be made (delivered, retries used up, or dropped). */
  done: boolean;
  /** Lost on purpose (StripeStandIn.dropWebhooks): never sent. */
  dropped: boolean;
}

export function signPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

function wants(target: WebhookTarget, stored: StoredEvent): boolean {
  const isConnect = stored.event.account !== undefined;
  if (target.connect !== "both" && target.connect !== isConnect) return false;
  return target.enabledEvents.includes("*") || target.enabledEvents.includes(stored.event.type);
}

export class WebhookDeliverer {
  readonly deliveries: Delivery[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private stopped = false;

  private readonly targets: () => WebhookTarget[];
  private readonly retryDelaysMs: readonly number[];
  private readonly timeoutMs: number;

  constructor(
    targets: () => WebhookTarget[],
    retryDelaysMs: readonly number[],
    timeoutMs = 10_000,
  ) {
    this.targets = targets;
    this.retryDelaysMs = retryDelaysMs;
    this.timeoutMs = timeoutMs;
  }

  /** Events matching one of these are recorded but never sent (a webhook lost for good). */
  private readonly droppers = new Set<(event: StoredEvent["event"]) => boolean>();

  /** Loses every later event that `match` accepts until the returned function is called. */
  drop(match: (event: StoredEvent["event"]) => boolean): () => void {
    this.droppers.add(match);
    return () => this.droppers.delete(match);
  }

  /** Queues the event for every endpoint that wants it (the count is the event's pending_webhooks). */
  enqueue(stored: StoredEvent): void {
    const targets = this.targets().filter((t) => wants(t, stored));
    const dropped = [...this.droppers].some((match) => match(stored.event));
    stored.event.pending_webhooks = dropped ? 0 : targets.length;
    const payload = JSON.stringify(stored.event, null, 2);
    for (const target of targets) {
      const delivery: Delivery = {
        eventId: stored.event.id,
        type: stored.event.type,
        account: stored.event.account ?? null,
        url: target.url,
        attempts: [],
        delivered: false,
        done: dropped,
        dropped,
      };
      this.deliveries.push(delivery);
      if (dropped) continue;
      this.inFlight++;
      const previous = this.chains.get(target.url) ?? Promise.resolve();
      const next = previous.then(() => this.attempt(target, payload, delivery, 0));
      this.chains.set(target.url, next);
    }
  }

  private async attempt(
    target: WebhookTarget,
    payload: string,
    delivery: Delivery,
    retry: number,
  ): Promise<void> {
    if (this.stopped) return this.finish(delivery);
    const signature = signPayload(payload, target.secret, Math.floor(Date.now() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": signature,
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: payload,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    delivery.attempts.push({ at: new Date().toISOString(), status, error });
    if (status !== null && status >= 200 && status < 300) {
      delivery.delivered = true;
      return this.finish(delivery);
    }
    const delay = this.retryDelaysMs[retry];
    if (delay === undefined || this.stopped) return this.finish(delivery);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(target, payload, delivery, retry + 1);
    }, delay);
    this.timers.add(timer);
  }

  private finish(delivery: Delivery): void {
    delivery.done = true;
    // stop() already let every waiter go; deliveries ending after it count for nothing.
    if (this.stopped) return;
    this.inFlight--;
    if (this.inFlight === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Resolves when every queued delivery has succeeded or used up its retries. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.inFlight = 0;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
