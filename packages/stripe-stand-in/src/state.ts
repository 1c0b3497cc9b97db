// Everything the stand-in knows, in memory: objects by id with the account (namespace) they belong
// to, events, account links, and the request being served (events name it, as Stripe's do).
// Objects of a connected account live in that account's namespace, reached with Stripe-Account.
import { resourceMissing } from "./errors.ts";
import { newId } from "./ids.ts";
import type { Price, StripeEvent, StripeObject, Subscription, SubscriptionItem } from "./types.ts";

export type Kind = StripeObject["object"];
export type ObjectOf<K extends Kind> = Extract<StripeObject, { object: K }>;

export function isKind<K extends Kind>(value: StripeObject, kind: K): value is ObjectOf<K> {
  return value.object === kind;
}

const KIND_LABEL: Record<Kind, string> = {
  customer: "customer",
  product: "product",
  price: "price",
  payment_method: "PaymentMethod",
  "checkout.session": "checkout.session",
  subscription: "subscription",
  subscription_item: "subscription_item",
  invoice: "invoice",
  invoiceitem: "invoiceitem",
  payment_intent: "payment_intent",
  charge: "charge",
  refund: "refund",
  "billing_portal.session": "billing_portal.session",
  account: "account",
  "test_helpers.test_clock": "test_clock",
  webhook_endpoint: "webhook_endpoint",
};

export interface AccountLinkRecord {
  token: string;
  account: string;
  returnUrl: string;
  refreshUrl: string;
  expiresAt: number;
}

export interface StoredEvent {
  /** The namespace the event belongs to (the platform's or a connected account's). */
  namespace: string;
  event: StripeEvent;
}

export interface RequestContext {
  id: string;
  idempotencyKey: string | null;
}

export const API_VERSION = "2026-10-28.endive";

export class State {
  readonly platformAccount: string;
  baseUrl = "";
  readonly objects = new Map<string, { namespace: string; value: StripeObject; seq: number }>();
  readonly events: StoredEvent[] = [];
  readonly accountLinks = new Map<string, AccountLinkRecord>();
  request: RequestContext | null = null;
  /** Called with each new event (the webhook deliverer). */
  onEvent: (stored: StoredEvent) => void = () => {};
  /** Called after every change (the snapshot writer). */
  onChange: () => void = () => {};
  private seq = 0;

  constructor(platformAccount = newId("acct", 16)) {
    this.platformAccount = platformAccount;
  }

  put<T extends StripeObject>(namespace: string, value: T): T {
    const existing = this.objects.get(value.id);
    this.objects.set(value.id, { namespace, value, seq: existing?.seq ?? ++this.seq });
    this.onChange();
    return value;
  }

  remove(id: string): void {
    this.objects.delete(id);
    this.onChange();
  }

  /** Deleted customers and products still answer retrieve, as `{ id, object, deleted: true }`. */
  readonly deleted = new Map<string, { namespace: string; object: string }>();

  markDeleted(
    namespace: string,
    value: StripeObject,
  ): { id: string; object: string; deleted: true } {
    this.remove(value.id);
    this.deleted.set(value.id, { namespace, object: value.object });
    return { id: value.id, object: value.object, deleted: true };
  }

  /** The deleted stub of an id in this namespace, if it was deleted. */
  deletedStub(namespace: string, id: string): { id: string; object: string; deleted: true } | null {
    const entry = this.deleted.get(id);
    return entry && entry.namespace === namespace
      ? { id, object: entry.object, deleted: true }
      : null;
  }

  find(id: string): { namespace: string; value: StripeObject } | undefined {
    return this.objects.get(id);
  }

  /** The object, or Stripe's 404 ("No such customer: 'cus_…'"). */
  get<K extends Kind>(namespace: string, kind: K, id: string, param = "id"): ObjectOf<K> {
    const entry = this.objects.get(id);
    if (!entry || entry.namespace !== namespace || !isKind(entry.value, kind)) {
      throw resourceMissing(KIND_LABEL[kind], id, param);
    }
    return entry.value;
  }

  tryGet<K extends Kind>(namespace: string, kind: K, id: string | null): ObjectOf<K> | undefined {
    if (!id) return undefined;
    const entry = this.objects.get(id);
    if (!entry || entry.namespace !== namespace || !isKind(entry.value, kind)) return undefined;
    return entry.value;
  }

  /** Objects of a kind in a namespace, newest first (Stripe's list order). */
  all<K extends Kind>(namespace: string, kind: K): ObjectOf<K>[] {
    const found: { value: ObjectOf<K>; seq: number }[] = [];
    for (const entry of this.objects.values()) {
      if (entry.namespace === namespace && isKind(entry.value, kind)) {
        found.push({ value: entry.value, seq: entry.seq });
      }
    }
    return found.sort((a, b) => b.seq - a.seq).map((f) => f.value);
  }

  /**
   * Every customer made without a test clock gets a clock of its own (the server's
   * `clockPerCustomer`), so tests that share one stand-in each move their own customers' time.
   */
  clockPerCustomer = false;

  /**
   * Seconds the stand-in's clock runs ahead of the machine's (advanceTime, for dev and browser
   * tests of renewals on subscriptions without a test clock).
   */
  timeOffset = 0;

  /**
   * While due renewals and retries run (runDue), the instant of the step being run: what they
   * change and the events they send are stamped then, as Stripe's are, not at the moment the
   * stand-in got round to them (a second later at times).
   */
  steppedAt: number | null = null;

  realNow(): number {
    return this.steppedAt ?? Math.floor(Date.now() / 1000) + this.timeOffset;
  }

  /** "Now" for a customer: its test clock's frozen time when it has one. */
  now(namespace: string, customerId?: string | null): number {
    const customer = this.tryGet(namespace, "customer", customerId ?? null);
    const clock = this.tryGet(namespace, "test_helpers.test_clock", customer?.test_clock ?? null);
    return clock ? clock.frozen_time : this.realNow();
  }

  // ---- rendering -------------------------------------------------------------------------------

  private renderPrice(price: Price): unknown {
    return strip(price);
  }

  renderItem(namespace: string, item: SubscriptionItem): unknown {
    const price = this.tryGet(namespace, "price", item.price);
    const base = strip(item);
    if (!price || typeof base !== "object" || base === null) return base;
    return { ...base, price: this.renderPrice(price), plan: planOf(price) };
  }

  private renderSubscription(namespace: string, sub: Subscription): unknown {
    const base = strip(sub);
    if (typeof base !== "object" || base === null) return base;
    return {
      ...base,
      items: {
        object: "list",
        data: sub.items.map((item) => this.renderItem(namespace, item)),
        has_more: false,
        total_count: sub.items.length,
        url: `/v1/subscription_items?subscription=${sub.id}`,
      },
    };
  }

  /** The object as the API returns it: embedded lists and prices filled in, bookkeeping dropped. */
  render(namespace: string, value: StripeObject): unknown {
    if (isKind(value, "subscription")) return this.renderSubscription(namespace, value);
    if (isKind(value, "subscription_item")) return this.renderItem(namespace, value);
    if (isKind(value, "invoice")) {
      const base = strip(value);
      if (typeof base !== "object" || base === null) return base;
      return {
        ...base,
        lines: {
          object: "list",
          data: strip(value.lines),
          has_more: false,
          total_count: value.lines.length,
          url: `/v1/invoices/${value.id}/lines`,
        },
      };
    }
    return strip(value);
  }

  /** Replaces ids named by `expand` paths (customer, data.customer, latest_invoice.customer). */
  expand(namespace: string, json: unknown, paths: readonly string[]): unknown {
    let out = json;
    for (const path of paths) out = this.expandPath(namespace, out, path.split("."));
    return out;
  }

  private expandPath(namespace: string, node: unknown, path: string[]): unknown {
    if (path.length === 0) return node;
    if (Array.isArray(node)) return node.map((item) => this.expandPath(namespace, item, path));
    if (typeof node !== "object" || node === null) return node;
    const [head, ...rest] = path;
    if (head === undefined || !(head in node)) return node;
    const record: Record<string, unknown> = { ...node };
    let child = record[head];
    if (typeof child === "string") {
      const entry = this.objects.get(child);
      const inNamespace =
        entry && (entry.namespace === namespace || entry.namespace === this.platformAccount);
      if (entry && inNamespace) child = this.render(entry.namespace, entry.value);
    }
    record[head] = this.expandPath(namespace, child, rest);
    return record;
  }

  // ---- events ----------------------------------------------------------------------------------

  emit(
    namespace: string,
    type: string,
    object: StripeObject,
    previousAttributes?: Record<string, unknown>,
  ): StripeEvent {
    const data: StripeEvent["data"] = { object: this.render(namespace, object) };
    if (previousAttributes) data.previous_attributes = previousAttributes;
    const event: StripeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: this.eventTime(namespace, object),
      data,
      livemode: false,
      pending_webhooks: 0,
      request: {
        id: this.request?.id ?? null,
        idempotency_key: this.request?.idempotencyKey ?? null,
      },
      type,
    };
    if (namespace !== this.platformAccount) event.account = namespace;
    const stored = { namespace, event };
    this.events.push(stored);
    this.onChange();
    this.onEvent(stored);
    return event;
  }

  private eventTime(namespace: string, object: StripeObject): number {
    const customer =
      "customer" in object && typeof object.customer === "string" ? object.customer : null;
    if (isKind(object, "customer")) return this.now(namespace, object.id);
    if (isKind(object, "test_helpers.test_clock")) return object.frozen_time;
    return this.now(namespace, customer);
  }
}

/** A deep copy without the stand-in's `_` keys. */
export function strip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key.startsWith("_") ? undefined : v)));
}

/** The legacy `plan` that subscription items still carry beside `price`. */
export function planOf(price: Price): Record<string, unknown> {
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: "per_unit",
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? "month",
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: "licensed",
  };
}
