// The subscription engine: invoices, payment attempts, renewals, trial ends, retries after a failed
// payment (past_due, then unpaid or canceled when the retries run out), cancellation at period end,
// plan changes with prorations. Time is the customer's test clock when it has one, so advancing a
// clock walks every subscription on it through each boundary in order, emitting the events Stripe
// would at each step.
import { cardDeclined, invalidRequest } from "./errors.ts";
import { newId } from "./ids.ts";
import type { State } from "./state.ts";
import type {
  Charge,
  Customer,
  Interval,
  Invoice,
  InvoiceItem,
  InvoiceLine,
  LastPaymentError,
  Metadata,
  PaymentIntent,
  PaymentMethod,
  Price,
  Subscription,
  SubscriptionItem,
} from "./types.ts";

const DAY = 86_400;
/** Stripe lets a first invoice stay unpaid this long before the subscription expires. */
const INCOMPLETE_WINDOW = 23 * 3600;
const TRIAL_NOTICE = 3 * DAY;

export interface BillingOptions {
  /** Days after the first failed attempt at which an invoice is retried (Stripe's smart retries). */
  retryDays: readonly number[];
  /** What a subscription becomes when its retries are used up. */
  afterFinalFailure: "unpaid" | "canceled";
}

export function addInterval(anchor: number, interval: Interval, count: number): number {
  if (interval === "day") return anchor + count * DAY;
  if (interval === "week") return anchor + count * 7 * DAY;
  const d = new Date(anchor * 1000);
  const months = (interval === "year" ? 12 : 1) * count;
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  // Anchored on the 31st, a period ends on the month's last day (Stripe's rule).
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return (
    Date.UTC(
      year,
      month,
      Math.min(d.getUTCDate(), lastDay),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ) / 1000
  );
}

/** The first period boundary after `after`, counted from the billing cycle anchor. */
export function nextPeriodEnd(anchor: number, price: Price, after: number): number {
  const interval = price.recurring?.interval ?? "month";
  const count = price.recurring?.interval_count ?? 1;
  let k = 1;
  while (addInterval(anchor, interval, k * count) <= after) k++;
  return addInterval(anchor, interval, k * count);
}

export function failingCard(pm: PaymentMethod | undefined): boolean {
  return pm === undefined || pm._fails;
}

export interface LineSpec {
  price: Price;
  quantity: number;
  amount: number;
  description: string;
  proration: boolean;
  subscriptionItem: string | null;
  invoiceItem: string | null;
  period: { start: number; end: number };
}

export interface NewItem {
  price: Price;
  quantity: number;
  metadata: Metadata;
}

export type Proration = "create_prorations" | "always_invoice" | "none";

export interface ItemChange {
  id: string | null;
  price: Price | null;
  quantity: number | null;
  deleted: boolean;
  metadata: Metadata | null;
}

export class Billing {
  private readonly state: State;
  private readonly options: BillingOptions;

  constructor(state: State, options: BillingOptions) {
    this.state = state;
    this.options = options;
  }

  private customer(ns: string, id: string): Customer {
    return this.state.get(ns, "customer", id);
  }

  price(ns: string, id: string): Price {
    return this.state.get(ns, "price", id);
  }

  private productName(ns: string, price: Price): string {
    return this.state.tryGet(ns, "product", price.product)?.name ?? price.product;
  }

  /** The card a charge for this customer (and subscription) uses. */
  defaultPaymentMethod(
    ns: string,
    customer: Customer,
    sub?: Subscription,
  ): PaymentMethod | undefined {
    const id = sub?.default_payment_method ?? customer.invoice_settings.default_payment_method;
    return this.state.tryGet(ns, "payment_method", id);
  }

  // ---- payments ----------------------------------------------------------------------------------

  /**
   * One charge attempt: a succeeded or failed charge on the payment intent, with charge.* and
   * payment_intent.* events. Returns whether the money moved.
   */
  charge(ns: string, intent: PaymentIntent, pm: PaymentMethod | undefined, at: number): boolean {
    const ok = !failingCard(pm);
    const previous = { status: intent.status };
    if (pm) {
      const charge: Charge = {
        id: newId("ch"),
        object: "charge",
        amount: intent.amount,
        amount_captured: ok ? intent.amount : 0,
        amount_refunded: 0,
        balance_transaction: null,
        billing_details: { address: null, email: null, name: null, phone: null },
        captured: ok,
        created: at,
        currency: intent.currency,
        customer: intent.customer,
        description: intent.description,
        disputed: false,
        failure_code: ok ? null : "card_declined",
        failure_message: ok ? null : "Your card was declined.",
        livemode: false,
        metadata: { ...intent.metadata },
        outcome: ok
          ? {
              network_status: "approved_by_network",
              reason: null,
              risk_level: "normal",
              seller_message: "Payment complete.",
              type: "authorized",
            }
          : {
              network_status: "declined_by_network",
              reason: "generic_decline",
              risk_level: "normal",
              seller_message: "The bank did not return any further details with this decline.",
              type: "issuer_declined",
            },
        paid: ok,
        payment_intent: intent.id,
        payment_method: pm.id,
        payment_method_details: {
          card: {
            brand: pm.card.brand,
            last4: pm.card.last4,
            exp_month: pm.card.exp_month,
            exp_year: pm.card.exp_year,
          },
          type: "card",
        },
        receipt_email: intent.receipt_email ?? null,
        receipt_url: ok ? `${this.state.baseUrl}/receipt/${intent.id}` : null,
        refunded: false,
        status: ok ? "succeeded" : "failed",
      };
      this.state.put(ns, charge);
      intent.latest_charge = charge.id;
      intent.payment_method = pm.id;
      this.state.emit(ns, ok ? "charge.succeeded" : "charge.failed", charge);
    }
    if (ok) {
      intent.status = "succeeded";
      intent.amount_received = intent.amount;
      intent.last_payment_error = null;
      this.state.put(ns, intent);
      this.state.emit(ns, "payment_intent.succeeded", intent, previous);
    } else {
      const error: LastPaymentError = {
        code: "card_declined",
        decline_code: "generic_decline",
        message: pm ? "Your card was declined." : "The customer has no payment method.",
        type: "card_error",
      };
      intent.status = "requires_payment_method";
      intent.last_payment_error = error;
      this.state.put(ns, intent);
      this.state.emit(ns, "payment_intent.payment_failed", intent);
    }
    return ok;
  }

  newPaymentIntent(
    ns: string,
    fields: {
      amount: number;
      currency: string;
      customer: string | null;
      description: string | null;
      metadata: Metadata;
      receiptEmail?: string | null;
    },
    at: number,
  ): PaymentIntent {
    const id = newId("pi");
    const intent: PaymentIntent = {
      id,
      object: "payment_intent",
      amount: fields.amount,
      amount_capturable: 0,
      amount_received: 0,
      application_fee_amount: null,
      canceled_at: null,
      capture_method: "automatic",
      client_secret: `${id}_secret_${newId("s").slice(2)}`,
      confirmation_method: "automatic",
      created: at,
      currency: fields.currency,
      customer: fields.customer,
      description: fields.description,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: fields.metadata,
      payment_method: null,
      payment_method_types: ["card"],
      receipt_email: fields.receiptEmail ?? null,
      status: "requires_payment_method",
    };
    this.state.put(ns, intent);
    this.state.emit(ns, "payment_intent.created", intent);
    return intent;
  }

  // ---- invoices ----------------------------------------------------------------------------------

  /** Creates and finalizes an invoice (invoice.created, invoice.finalized); pays nothing yet. */
  createInvoice(
    ns: string,
    sub: Subscription,
    reason: Invoice["billing_reason"],
    lines: LineSpec[],
    at: number,
    options: { draft?: boolean } = {},
  ): Invoice {
    const customer = this.customer(ns, sub.customer);
    const id = newId("in");
    customer._invoice_count += 1;
    this.state.put(ns, customer);
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    // A credit larger than the charges leaves nothing due (Stripe would credit the balance).
    const amountDue = Math.max(0, total);
    const periodStart = Math.min(...lines.map((l) => l.period.start), at);
    const periodEnd = Math.max(...lines.map((l) => l.period.end), at);
    const invoice: Invoice = {
      id,
      object: "invoice",
      account_country: "US",
      account_name: "Guild (Stripe stand-in)",
      amount_due: amountDue,
      amount_overpaid: 0,
      amount_paid: 0,
      amount_remaining: amountDue,
      amount_shipping: 0,
      attempt_count: 0,
      attempted: false,
      auto_advance: !options.draft,
      billing_reason: reason,
      collection_method: "charge_automatically",
      created: at,
      currency: sub.currency,
      customer: customer.id,
      customer_email: customer.email,
      customer_name: customer.name,
      description: null,
      discounts: [],
      due_date: null,
      effective_at: null,
      ending_balance: null,
      hosted_invoice_url: null,
      invoice_pdf: null,
      lines: lines.map((line) => this.invoiceLine(id, sub, line)),
      livemode: false,
      metadata: {},
      next_payment_attempt: null,
      number: null,
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id },
      },
      period_end: periodEnd,
      period_start: periodStart,
      starting_balance: 0,
      status: "draft",
      status_transitions: {
        finalized_at: null,
        marked_uncollectible_at: null,
        paid_at: null,
        voided_at: null,
      },
      subtotal: total,
      test_clock: customer.test_clock,
      total,
      total_discount_amounts: [],
      total_taxes: [],
      webhooks_delivered_at: null,
      _payment_intent: null,
    };
    // Pending invoice items (prorations) now belong to this invoice.
    for (const line of lines) {
      const item = this.state.tryGet(ns, "invoiceitem", line.invoiceItem);
      if (item) {
        item.invoice = id;
        this.state.put(ns, item);
      }
    }
    this.state.put(ns, invoice);
    this.state.emit(ns, "invoice.created", invoice);
    if (!options.draft) this.finalize(ns, invoice, customer, at);
    return invoice;
  }

  private finalize(ns: string, invoice: Invoice, customer: Customer, at: number): void {
    invoice.status = "open";
    invoice.auto_advance = true;
    invoice.number = `${customer.invoice_prefix}-${String(customer._invoice_count).padStart(4, "0")}`;
    invoice.effective_at = at;
    invoice.status_transitions.finalized_at = at;
    invoice.hosted_invoice_url = `${this.state.baseUrl}/invoice/${invoice.id}`;
    invoice.invoice_pdf = `${this.state.baseUrl}/invoice/${invoice.id}?format=pdf`;
    this.state.put(ns, invoice);
    this.state.emit(ns, "invoice.finalized", invoice);
  }

  /** A draft (an unpaid subscription's renewal) becomes open so it can be paid. */
  finalizeDraft(ns: string, invoice: Invoice, at: number): void {
    if (invoice.status !== "draft") return;
    this.finalize(ns, invoice, this.customer(ns, invoice.customer), at);
  }

  private invoiceLine(invoiceId: string, sub: Subscription, line: LineSpec): InvoiceLine {
    return {
      id: newId("il"),
      object: "line_item",
      amount: line.amount,
      currency: line.price.currency,
      description: line.description,
      discountable: !line.proration,
      discounts: [],
      invoice: invoiceId,
      livemode: false,
      metadata: {},
      parent: {
        type: "subscription_item_details",
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: line.invoiceItem,
          proration: line.proration,
          proration_details: { credited_items: null },
          subscription: sub.id,
          subscription_item: line.subscriptionItem ?? "",
        },
      },
      period: { end: line.period.end, start: line.period.start },
      pricing: {
        price_details: { price: line.price.id, product: line.price.product },
        type: "price_details",
        unit_amount_decimal: line.price.unit_amount_decimal,
      },
      quantity: line.quantity,
      subtotal: line.amount,
      taxes: [],
    };
  }

  /**
   * Attempts to collect an open invoice. On success: paid, with invoice.paid and
   * invoice.payment_succeeded. On failure: the attempt is counted, the next retry is scheduled
   * (next_payment_attempt, null when they are used up) and invoice.payment_failed is sent.
   */
  payInvoice(ns: string, invoice: Invoice, at: number, pmOverride?: PaymentMethod): boolean {
    if (invoice.status !== "open") return invoice.status === "paid";
    const customer = this.customer(ns, invoice.customer);
    const subId = invoice.parent?.subscription_details.subscription ?? null;
    const sub = this.state.tryGet(ns, "subscription", subId);
    let ok = true;
    if (invoice.amount_due > 0) {
      const intent =
        this.state.tryGet(ns, "payment_intent", invoice._payment_intent) ??
        this.newPaymentIntent(
          ns,
          {
            amount: invoice.amount_due,
            currency: invoice.currency,
            customer: customer.id,
            description:
              invoice.billing_reason === "subscription_create"
                ? "Subscription creation"
                : invoice.billing_reason === "subscription_update"
                  ? "Subscription update"
                  : "Subscription cycle",
            metadata: {},
          },
          at,
        );
      invoice._payment_intent = intent.id;
      ok = this.charge(ns, intent, pmOverride ?? this.defaultPaymentMethod(ns, customer, sub), at);
    }
    invoice.attempted = true;
    invoice.attempt_count += 1;
    if (ok) {
      this.markPaid(ns, invoice, at);
      this.state.emit(ns, "invoice.payment_succeeded", invoice);
      if (customer.delinquent) {
        customer.delinquent = false;
        this.state.put(ns, customer);
      }
    } else {
      const firstAttempt = invoice.effective_at ?? invoice.created;
      const retryDay = this.options.retryDays[invoice.attempt_count - 1];
      // A first invoice that fails leaves the subscription incomplete: no automatic retries.
      const retries = invoice.billing_reason !== "subscription_create";
      invoice.next_payment_attempt =
        retries && retryDay !== undefined ? firstAttempt + retryDay * DAY : null;
      this.state.put(ns, invoice);
      this.state.emit(ns, "invoice.payment_failed", invoice);
      if (!customer.delinquent) {
        customer.delinquent = true;
        this.state.put(ns, customer);
      }
    }
    return ok;
  }

  /** Paid (by a charge, or out of band with invoices.pay): invoice.paid. */
  markPaid(ns: string, invoice: Invoice, at: number): void {
    invoice.status = "paid";
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.next_payment_attempt = null;
    invoice.ending_balance = 0;
    invoice.status_transitions.paid_at = at;
    this.state.put(ns, invoice);
    this.state.emit(ns, "invoice.paid", invoice);
  }

  /** After an invoice is paid by hand: its subscription recovers (incomplete, past_due, unpaid). */
  invoiceSettled(ns: string, invoice: Invoice, at: number): void {
    const subId = invoice.parent?.subscription_details.subscription ?? null;
    const sub = this.state.tryGet(ns, "subscription", subId);
    if (!sub || sub.latest_invoice !== invoice.id || invoice.status !== "paid") return;
    if (sub.status === "incomplete" || sub.status === "past_due" || sub.status === "unpaid") {
      this.setStatus(ns, sub, "active", at);
    }
  }

  /**
   * invoices.createPreview for a subscription: its next renewal with pending prorations, or with
   * `changes` the invoice those changes would bring (now for always_invoice or a new interval,
   * else the next renewal with the new prorations). Nothing is stored or sent.
   */
  preview(
    ns: string,
    current: Subscription,
    change?: { items: ItemChange[]; proration: Proration; at: number },
  ): unknown {
    let sub = current;
    let lines: LineSpec[];
    let billingReason = "upcoming";
    let start: number;
    if (change) {
      sub = structuredClone(current);
      const before = this.snapshotItems(ns, sub);
      this.applyItemChanges(sub, change.items, change.at);
      const plan = this.plan(ns, sub, before, change.proration, change.at);
      const now = plan.billable && (plan.intervalChanged || change.proration === "always_invoice");
      if (now && plan.intervalChanged) {
        const price = this.price(ns, sub.items[0]?.price ?? "");
        const end = nextPeriodEnd(change.at, price, change.at);
        lines = [...plan.prorations, ...this.itemLines(ns, sub, change.at, end)];
      } else if (now) {
        lines = plan.prorations;
      } else {
        const next = sub.items[0]?.current_period_end ?? change.at;
        const price = this.price(ns, sub.items[0]?.price ?? "");
        const end = nextPeriodEnd(sub.billing_cycle_anchor, price, next);
        lines = [...plan.prorations, ...this.itemLines(ns, sub, next, end)];
      }
      billingReason = now ? "subscription_update" : "upcoming";
      start = now ? change.at : (sub.items[0]?.current_period_end ?? change.at);
    } else {
      const item = sub.items[0];
      start = item?.current_period_end ?? this.state.now(ns, sub.customer);
      const price = item ? this.price(ns, item.price) : undefined;
      const end = price ? nextPeriodEnd(sub.billing_cycle_anchor, price, start) : start;
      lines = this.itemLines(ns, sub, start, end);
    }
    const item = sub.items[0];
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    const customer = this.customer(ns, sub.customer);
    const id = `upcoming_${sub.id}`;
    return {
      id,
      object: "invoice",
      amount_due: Math.max(0, total),
      amount_paid: 0,
      amount_remaining: Math.max(0, total),
      attempt_count: 0,
      attempted: false,
      billing_reason: billingReason,
      collection_method: "charge_automatically",
      created: start,
      currency: sub.currency,
      customer: customer.id,
      customer_email: customer.email,
      hosted_invoice_url: null,
      lines: {
        object: "list",
        data: lines.map((line) => this.invoiceLine(id, sub, line)),
        has_more: false,
        url: `/v1/invoices/${id}/lines`,
      },
      livemode: false,
      metadata: {},
      next_payment_attempt: start,
      number: null,
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { metadata: sub.metadata, subscription: sub.id },
      },
      period_end: start,
      period_start: item?.current_period_start ?? start,
      status: "draft",
      subtotal: total,
      total,
    };
  }

  // ---- subscriptions -----------------------------------------------------------------------------

  private setStatus(
    ns: string,
    sub: Subscription,
    status: Subscription["status"],
    at: number,
  ): void {
    if (sub.status === status) return;
    const previous = { status: sub.status };
    sub.status = status;
    if (status === "canceled" || status === "incomplete_expired") {
      sub.ended_at = at;
      sub.canceled_at ??= at;
      this.state.put(ns, sub);
      this.state.emit(ns, "customer.subscription.deleted", sub, previous);
      return;
    }
    this.state.put(ns, sub);
    this.state.emit(ns, "customer.subscription.updated", sub, previous);
    if (status === "paused") this.state.emit(ns, "customer.subscription.paused", sub);
  }

  /**
   * A new subscription (from checkout or the API): trialing with a $0 first invoice, or incomplete
   * until its first invoice is paid, then active.
   */
  createSubscription(
    ns: string,
    input: {
      customer: Customer;
      items: NewItem[];
      trialEnd: number | null;
      metadata: Metadata;
      defaultPaymentMethod: string | null;
      missingPaymentMethod?: "cancel" | "create_invoice" | "pause" | undefined;
      errorIfIncomplete?: boolean;
      /** payment_behavior=default_incomplete: leave the first invoice open for the customer. */
      attempt?: boolean;
    },
  ): Subscription {
    const first = input.items[0];
    if (!first) throw invalidRequest("Missing required param: items.", { param: "items" });
    input.items.forEach((item, i) => {
      if (item.price.type !== "recurring") {
        throw invalidRequest(
          "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.",
          { param: `items[${i}][price]` },
        );
      }
      if (item.price.currency !== first.price.currency) {
        throw invalidRequest("All prices on a subscription must have the same currency.", {
          param: `items[${i}][price]`,
        });
      }
    });
    const at = this.state.now(ns, input.customer.id);
    const trialEnd = input.trialEnd !== null && input.trialEnd > at ? input.trialEnd : null;
    const id = newId("sub");
    const periodEnd = trialEnd ?? nextPeriodEnd(at, first.price, at);
    const sub: Subscription = {
      id,
      object: "subscription",
      application_fee_percent: null,
      billing_cycle_anchor: trialEnd ?? at,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
      collection_method: "charge_automatically",
      created: at,
      currency: first.price.currency,
      customer: input.customer.id,
      default_payment_method: input.defaultPaymentMethod,
      description: null,
      discounts: [],
      ended_at: null,
      items: input.items.map((item) => ({
        id: newId("si"),
        object: "subscription_item",
        billing_thresholds: null,
        created: at,
        current_period_end: periodEnd,
        current_period_start: at,
        discounts: [],
        metadata: item.metadata,
        price: item.price.id,
        quantity: item.quantity,
        subscription: id,
        tax_rates: [],
      })),
      latest_invoice: null,
      livemode: false,
      metadata: input.metadata,
      pause_collection: null,
      schedule: null,
      start_date: at,
      status: trialEnd ? "trialing" : "incomplete",
      test_clock: input.customer.test_clock,
      trial_end: trialEnd,
      trial_settings: {
        end_behavior: { missing_payment_method: input.missingPaymentMethod ?? "create_invoice" },
      },
      trial_start: trialEnd ? at : null,
      _trial_notice_sent: false,
    };
    if (input.errorIfIncomplete && !trialEnd) {
      // Stripe refuses the whole request when the first payment fails and nothing is created.
      if (failingCard(this.defaultPaymentMethod(ns, input.customer, sub))) throw cardDeclined();
    }
    this.state.put(ns, sub);
    this.state.emit(ns, "customer.subscription.created", sub);
    const lines = sub.items.map((item, i): LineSpec => {
      const price = input.items[i]?.price ?? first.price;
      const name = this.productName(ns, price);
      return {
        price,
        quantity: item.quantity,
        amount: trialEnd ? 0 : price.unit_amount * item.quantity,
        description: trialEnd ? `Trial period for ${name}` : `${item.quantity} × ${name}`,
        proration: false,
        subscriptionItem: item.id,
        invoiceItem: null,
        period: { start: at, end: periodEnd },
      };
    });
    const invoice = this.createInvoice(ns, sub, "subscription_create", lines, at);
    sub.latest_invoice = invoice.id;
    this.state.put(ns, sub);
    if (input.attempt === false && !trialEnd && invoice.amount_due > 0) return sub;
    if (this.payInvoice(ns, invoice, at) && !trialEnd) this.setStatus(ns, sub, "active", at);
    return sub;
  }

  /** The next thing that happens to a subscription by itself, and when. */
  nextAction(ns: string, sub: Subscription): { at: number; run: () => void } | null {
    const periodEnd = sub.items[0]?.current_period_end;
    if (periodEnd === undefined) return null;
    switch (sub.status) {
      case "incomplete":
        return { at: sub.created + INCOMPLETE_WINDOW, run: () => this.expireIncomplete(ns, sub) };
      case "trialing": {
        const end = sub.trial_end ?? periodEnd;
        const cancelAt = sub.cancel_at;
        if (cancelAt !== null && cancelAt <= end) {
          return { at: cancelAt, run: () => this.cancelNow(ns, sub, cancelAt) };
        }
        // Stripe tells the app three days before a trial ends (at once for shorter trials).
        const noticeAt = Math.max(end - TRIAL_NOTICE, sub.created);
        if (!sub._trial_notice_sent && noticeAt < end) {
          return { at: noticeAt, run: () => this.trialWillEnd(ns, sub) };
        }
        return { at: end, run: () => this.endTrial(ns, sub, end) };
      }
      case "active":
      case "past_due":
      case "unpaid": {
        const actions: { at: number; run: () => void }[] = [];
        const cancelAt = sub.cancel_at;
        if (cancelAt !== null) {
          actions.push({ at: cancelAt, run: () => this.cancelNow(ns, sub, cancelAt) });
        }
        if (sub.status === "past_due") {
          const invoice = this.state.tryGet(ns, "invoice", sub.latest_invoice);
          const retryAt = invoice?.status === "open" ? invoice.next_payment_attempt : null;
          if (invoice && retryAt !== null) {
            actions.push({ at: retryAt, run: () => this.retry(ns, sub, invoice, retryAt) });
          }
        }
        // Cancellation wins over a renewal at the same instant.
        actions.push({ at: periodEnd, run: () => this.renew(ns, sub, periodEnd) });
        actions.sort((a, b) => a.at - b.at);
        return actions[0] ?? null;
      }
      default:
        return null;
    }
  }

  /** Runs every action due at or before `until` for the given subscriptions, earliest first. */
  runDue(
    ns: string,
    subs: () => Subscription[],
    until: number,
    onStep?: (at: number) => void,
  ): void {
    for (let guard = 0; guard < 10_000; guard++) {
      let next: { at: number; run: () => void } | null = null;
      for (const sub of subs()) {
        const action = this.nextAction(ns, sub);
        if (action && action.at <= until && (next === null || action.at < next.at)) next = action;
      }
      if (!next) return;
      onStep?.(next.at);
      next.run();
    }
  }

  private expireIncomplete(ns: string, sub: Subscription): void {
    const at = sub.created + INCOMPLETE_WINDOW;
    const invoice = this.state.tryGet(ns, "invoice", sub.latest_invoice);
    if (invoice?.status === "open") {
      invoice.status = "void";
      invoice.status_transitions.voided_at = at;
      invoice.amount_remaining = 0;
      invoice.next_payment_attempt = null;
      this.state.put(ns, invoice);
      this.state.emit(ns, "invoice.voided", invoice);
    }
    this.setStatus(ns, sub, "incomplete_expired", at);
  }

  private itemLines(ns: string, sub: Subscription, start: number, end: number): LineSpec[] {
    const lines: LineSpec[] = [];
    // Pending prorations first, as Stripe lists them on the next invoice.
    for (const item of this.state.all(ns, "invoiceitem").reverse()) {
      if (item.invoice !== null || item.parent.subscription_details.subscription !== sub.id) {
        continue;
      }
      lines.push({
        price: this.price(ns, item.pricing.price_details.price),
        quantity: item.quantity,
        amount: item.amount,
        description: item.description,
        proration: item.proration,
        subscriptionItem: item.parent.subscription_details.subscription_item,
        invoiceItem: item.id,
        period: item.period,
      });
    }
    for (const item of sub.items) {
      const price = this.price(ns, item.price);
      lines.push({
        price,
        quantity: item.quantity,
        amount: price.unit_amount * item.quantity,
        description: `${item.quantity} × ${this.productName(ns, price)}`,
        proration: false,
        subscriptionItem: item.id,
        invoiceItem: null,
        period: { start, end },
      });
    }
    return lines;
  }

  private startPeriod(ns: string, sub: Subscription, start: number): number {
    const first = sub.items[0];
    const price = first ? this.price(ns, first.price) : undefined;
    const end = price ? nextPeriodEnd(sub.billing_cycle_anchor, price, start) : start;
    for (const item of sub.items) {
      item.current_period_start = start;
      item.current_period_end = end;
    }
    return end;
  }

  /** Starts a new period from `at` and invoices it (pending prorations included). */
  private billPeriod(
    ns: string,
    sub: Subscription,
    at: number,
    reason: Invoice["billing_reason"],
    options: { draft?: boolean } = {},
  ): Invoice {
    const end = this.startPeriod(ns, sub, at);
    const lines = this.itemLines(ns, sub, at, end);
    const invoice = this.createInvoice(ns, sub, reason, lines, at, options);
    sub.latest_invoice = invoice.id;
    this.state.put(ns, sub);
    return invoice;
  }

  /** Tries to collect a subscription's invoice: active when paid, else past_due or worse. */
  private collect(ns: string, sub: Subscription, invoice: Invoice, at: number): void {
    if (this.payInvoice(ns, invoice, at)) this.setStatus(ns, sub, "active", at);
    else this.failed(ns, sub, invoice, at);
  }

  /** A period boundary: bill the next period and try to collect it. */
  private renew(ns: string, sub: Subscription, at: number): void {
    const previous = {
      items: itemsOf(this.state.render(ns, sub)),
      latest_invoice: sub.latest_invoice,
    };
    const unpaid = sub.status === "unpaid";
    // An unpaid subscription's invoices stay drafts until someone pays (Stripe's behaviour).
    const invoice = this.billPeriod(ns, sub, at, "subscription_cycle", { draft: unpaid });
    this.state.emit(ns, "customer.subscription.updated", sub, previous);
    if (!unpaid) this.collect(ns, sub, invoice, at);
  }

  private failed(ns: string, sub: Subscription, invoice: Invoice, at: number): void {
    if (invoice.next_payment_attempt !== null) this.setStatus(ns, sub, "past_due", at);
    else this.setStatus(ns, sub, this.options.afterFinalFailure, at);
  }

  private retry(ns: string, sub: Subscription, invoice: Invoice, at: number): void {
    this.collect(ns, sub, invoice, at);
  }

  private trialWillEnd(ns: string, sub: Subscription): void {
    sub._trial_notice_sent = true;
    this.state.put(ns, sub);
    this.state.emit(ns, "customer.subscription.trial_will_end", sub);
  }

  private endTrial(ns: string, sub: Subscription, at: number): void {
    const customer = this.customer(ns, sub.customer);
    const pm = this.defaultPaymentMethod(ns, customer, sub);
    const behavior = sub.trial_settings.end_behavior.missing_payment_method;
    if (!pm && behavior === "cancel") this.cancelNow(ns, sub, at);
    else if (!pm && behavior === "pause") this.setStatus(ns, sub, "paused", at);
    else this.collect(ns, sub, this.billPeriod(ns, sub, at, "subscription_cycle"), at);
  }

  cancelNow(ns: string, sub: Subscription, at: number): void {
    if (sub.status === "canceled" || sub.status === "incomplete_expired") return;
    sub.cancellation_details.reason ??= "cancellation_requested";
    this.setStatus(ns, sub, sub.status === "incomplete" ? "incomplete_expired" : "canceled", at);
  }

  /** cancel_at_period_end true (cancel) or false (resume), as Stripe records it. */
  setCancelAtPeriodEnd(ns: string, sub: Subscription, cancel: boolean, at: number): void {
    if (sub.cancel_at_period_end === cancel) return;
    const previous = {
      cancel_at_period_end: sub.cancel_at_period_end,
      cancel_at: sub.cancel_at,
      canceled_at: sub.canceled_at,
      cancellation_details: { ...sub.cancellation_details },
    };
    sub.cancel_at_period_end = cancel;
    sub.cancel_at = cancel ? (sub.items[0]?.current_period_end ?? at) : null;
    sub.canceled_at = cancel ? at : null;
    sub.cancellation_details = {
      comment: null,
      feedback: null,
      reason: cancel ? "cancellation_requested" : null,
    };
    this.state.put(ns, sub);
    this.state.emit(ns, "customer.subscription.updated", sub, previous);
  }

  /** A paused subscription starts billing again from now. */
  resume(ns: string, sub: Subscription, at: number): void {
    if (sub.status !== "paused") {
      throw invalidRequest("Only a paused subscription can be resumed.", {
        param: "subscription",
      });
    }
    sub.billing_cycle_anchor = at;
    const invoice = this.billPeriod(ns, sub, at, "subscription_cycle");
    this.state.emit(ns, "customer.subscription.resumed", sub);
    this.collect(ns, sub, invoice, at);
  }

  /**
   * What an item change does, without doing it: the prorations (credit for unused time, charge
   * for the remaining time) as of `at`, and whether the billing interval changes. `sub` is the
   * subscription after the change, `before` its items before.
   */
  private plan(
    ns: string,
    sub: Subscription,
    before: { item: SubscriptionItem; price: Price }[],
    proration: Proration,
    at: number,
  ): { prorations: LineSpec[]; intervalChanged: boolean; billable: boolean } {
    const firstPrice = this.price(ns, sub.items[0]?.price ?? "");
    const oldRecurring = before[0]?.price.recurring;
    const intervalChanged =
      oldRecurring?.interval !== firstPrice.recurring?.interval ||
      oldRecurring?.interval_count !== firstPrice.recurring?.interval_count;
    const billable = sub.status === "active" || sub.status === "past_due";
    const periodStart = before[0]?.item.current_period_start ?? at;
    const periodEnd = before[0]?.item.current_period_end ?? at;
    const prorations: LineSpec[] = [];
    if (!billable || proration === "none" || periodEnd <= at) {
      return { prorations, intervalChanged, billable };
    }
    const fraction = (periodEnd - at) / (periodEnd - periodStart);
    const date = new Date(at * 1000).toISOString().slice(0, 10);
    const line = (item: SubscriptionItem, price: Price, sign: 1 | -1): LineSpec => ({
      price,
      quantity: item.quantity,
      amount: sign * Math.round(price.unit_amount * item.quantity * fraction),
      description: `${sign < 0 ? "Unused" : "Remaining"} time on ${item.quantity} × ${this.productName(ns, price)} after ${date}`,
      proration: true,
      subscriptionItem: item.id,
      invoiceItem: null,
      period: { start: at, end: periodEnd },
    });
    const after = new Map(sub.items.map((item) => [item.id, item]));
    const old = new Map(before.map((b) => [b.item.id, b.item]));
    const unchanged = (a: SubscriptionItem | undefined, b: SubscriptionItem | undefined) =>
      a !== undefined && b !== undefined && a.price === b.price && a.quantity === b.quantity;
    for (const { item, price } of before) {
      if (!intervalChanged && unchanged(item, after.get(item.id))) continue;
      prorations.push(line(item, price, -1));
    }
    if (!intervalChanged) {
      for (const item of sub.items) {
        if (unchanged(item, old.get(item.id))) continue;
        prorations.push(line(item, this.price(ns, item.price), 1));
      }
    }
    return { prorations, intervalChanged, billable };
  }

  private snapshotItems(ns: string, sub: Subscription): { item: SubscriptionItem; price: Price }[] {
    return sub.items.map((item) => ({ item: { ...item }, price: this.price(ns, item.price) }));
  }

  /**
   * Item changes (price, quantity, added, deleted) with Stripe's proration behaviours:
   * create_prorations (pending invoice items billed at the next renewal), always_invoice (billed
   * now) or none. A change of billing interval restarts the cycle and bills at once.
   * Returns the items as they were, for the event's previous_attributes.
   */
  updateItems(
    ns: string,
    sub: Subscription,
    changes: ItemChange[],
    proration: Proration,
    at: number,
  ): unknown {
    const previousItems = itemsOf(this.state.render(ns, sub));
    const before = this.snapshotItems(ns, sub);
    this.applyItemChanges(sub, changes, at);
    const { prorations, intervalChanged, billable } = this.plan(ns, sub, before, proration, at);
    const lines = prorations.map((spec) => this.pendingItem(ns, sub, spec));
    this.state.put(ns, sub);
    if (billable && intervalChanged) {
      // A new interval starts a new cycle now, billed at once with the credit for unused time.
      sub.billing_cycle_anchor = at;
      this.collect(ns, sub, this.billPeriod(ns, sub, at, "subscription_update"), at);
    } else if (billable && proration === "always_invoice" && lines.length > 0) {
      const invoice = this.createInvoice(ns, sub, "subscription_update", lines, at);
      sub.latest_invoice = invoice.id;
      this.state.put(ns, sub);
      this.collect(ns, sub, invoice, at);
    }
    return previousItems;
  }

  private applyItemChanges(sub: Subscription, changes: ItemChange[], at: number): void {
    for (const change of changes) {
      const existing = change.id ? sub.items.find((item) => item.id === change.id) : undefined;
      if (change.id && !existing) {
        throw invalidRequest(`Invalid subscription_item: ${change.id}`, { param: "items" });
      }
      if (existing && change.deleted) {
        sub.items = sub.items.filter((item) => item !== existing);
      } else if (existing) {
        if (change.price) existing.price = change.price.id;
        if (change.quantity !== null) existing.quantity = change.quantity;
        if (change.metadata) existing.metadata = change.metadata;
      } else {
        if (!change.price) {
          throw invalidRequest("Missing required param: items[price].", { param: "items" });
        }
        const template = sub.items[0];
        sub.items.push({
          id: newId("si"),
          object: "subscription_item",
          billing_thresholds: null,
          created: at,
          current_period_end: template?.current_period_end ?? at,
          current_period_start: template?.current_period_start ?? at,
          discounts: [],
          metadata: change.metadata ?? {},
          price: change.price.id,
          quantity: change.quantity ?? 1,
          subscription: sub.id,
          tax_rates: [],
        });
      }
    }
    if (sub.items.length === 0) {
      throw invalidRequest("A subscription must have at least one active plan.", {
        param: "items",
      });
    }
  }

  /** A proration as a pending invoice item (invoiceitem.created), billed with the next invoice. */
  private pendingItem(ns: string, sub: Subscription, spec: LineSpec): LineSpec {
    const customer = this.customer(ns, sub.customer);
    const item: InvoiceItem = {
      id: newId("ii"),
      object: "invoiceitem",
      amount: spec.amount,
      currency: spec.price.currency,
      customer: sub.customer,
      date: spec.period.start,
      description: spec.description,
      discountable: false,
      invoice: null,
      livemode: false,
      metadata: {},
      parent: {
        type: "subscription_details",
        subscription_details: {
          subscription: sub.id,
          subscription_item: spec.subscriptionItem ?? "",
        },
      },
      period: spec.period,
      pricing: {
        price_details: { price: spec.price.id, product: spec.price.product },
        type: "price_details",
        unit_amount_decimal: spec.price.unit_amount_decimal,
      },
      proration: true,
      quantity: spec.quantity,
      test_clock: customer.test_clock,
    };
    this.state.put(ns, item);
    this.state.emit(ns, "invoiceitem.created", item);
    return { ...spec, invoiceItem: item.id };
  }
}

function itemsOf(rendered: unknown): unknown {
  if (typeof rendered === "object" && rendered !== null && "items" in rendered) {
    return rendered.items;
  }
  return null;
}
