// An optional JSON file that keeps the stand-in's state across restarts of `pnpm dev`, so the
// customer and subscription ids the app's database holds still exist after a restart. Written a
// moment after each change (and on stop) to a temporary file, then renamed over the old one.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { State, type StoredEvent } from "./state.ts";
import type { StripeObject } from "./types.ts";

const KINDS = new Set<string>([
  "customer",
  "product",
  "price",
  "payment_method",
  "checkout.session",
  "subscription",
  "subscription_item",
  "invoice",
  "invoiceitem",
  "payment_intent",
  "charge",
  "refund",
  "billing_portal.session",
  "account",
  "test_helpers.test_clock",
  "webhook_endpoint",
]);

interface SnapshotFile {
  version: 1;
  platformAccount: string;
  objects: { namespace: string; value: StripeObject }[];
  events: StoredEvent[];
  timeOffset?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The file is the stand-in's own output: checking each object's id and kind is enough. */
function isStripeObject(value: unknown): value is StripeObject {
  return isRecord(value) && typeof value.id === "string" && KINDS.has(String(value.object));
}

function isStoredEvent(value: unknown): value is StoredEvent {
  return (
    isRecord(value) &&
    typeof value.namespace === "string" &&
    isRecord(value.event) &&
    typeof value.event.id === "string"
  );
}

/** A State from the file, or a new one when there is no file yet. */
export function loadState(path: string): State {
  if (!existsSync(path)) return new State();
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (!isRecord(parsed) || parsed.version !== 1 || typeof parsed.platformAccount !== "string") {
    throw new Error(`${path} is not a Stripe stand-in snapshot`);
  }
  const state = new State(parsed.platformAccount);
  const objects = Array.isArray(parsed.objects) ? parsed.objects : [];
  // Stored oldest first, so putting them back in order keeps list order.
  for (const entry of objects) {
    if (isRecord(entry) && typeof entry.namespace === "string" && isStripeObject(entry.value)) {
      state.put(entry.namespace, entry.value);
    }
  }
  if (typeof parsed.timeOffset === "number") state.timeOffset = parsed.timeOffset;
  const events = Array.isArray(parsed.events) ? parsed.events : [];
  for (const event of events) if (isStoredEvent(event)) state.events.push(event);
  return state;
}

export class SnapshotWriter {
  private readonly path: string;
  private readonly state: State;
  private timer: NodeJS.Timeout | null = null;

  constructor(path: string, state: State) {
    this.path = path;
    this.state = state;
  }

  /** Called on every change: writes once things settle. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), 200);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const entries = [...this.state.objects.values()].sort((a, b) => a.seq - b.seq);
    const file: SnapshotFile = {
      version: 1,
      platformAccount: this.state.platformAccount,
      objects: entries.map((e) => ({ namespace: e.namespace, value: e.value })),
      events: this.state.events,
      timeOffset: this.state.timeOffset,
    };
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(file));
    renameSync(temporary, this.path);
  }
}
