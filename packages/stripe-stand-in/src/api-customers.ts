// Customers and their cards. Test card tokens work as in Stripe's test mode: pm_card_visa and
// pm_card_mastercard succeed, pm_card_chargeCustomerFail attaches but every charge is declined
// (how a test makes renewals fail), pm_card_chargeDeclined is declined when attached.
import type { ApiDeps } from "./api.ts";
import { newTestClock } from "./api-test-clocks.ts";
import { cardDeclined, invalidRequest } from "./errors.ts";
import type { Params } from "./form.ts";
import { newId } from "./ids.ts";
import type { State } from "./state.ts";
import type { Customer, PaymentMethod } from "./types.ts";

const TEST_CARDS: Record<string, { brand: string; last4: string; fails: boolean }> = {
  pm_card_visa: { brand: "visa", last4: "4242", fails: false },
  pm_card_mastercard: { brand: "mastercard", last4: "4444", fails: false },
  pm_card_amex: { brand: "amex", last4: "8431", fails: false },
  pm_card_chargeCustomerFail: { brand: "visa", last4: "0341", fails: true },
};

/** A card for a test token (pm_card_visa…) or the checkout page's choice. */
export function createCard(
  state: State,
  ns: string,
  token: string,
  customer: string | null,
  at: number,
): PaymentMethod {
  if (token === "pm_card_chargeDeclined" || token === "pm_card_visa_chargeDeclined") {
    throw cardDeclined();
  }
  const card = TEST_CARDS[token];
  if (!card)
    throw invalidRequest(`No such PaymentMethod: '${token}'`, {
      code: "resource_missing",
      param: "payment_method",
    });
  const pm: PaymentMethod = {
    id: newId("pm"),
    object: "payment_method",
    billing_details: { address: null, email: null, name: null, phone: null },
    card: {
      brand: card.brand,
      country: "US",
      exp_month: 12,
      exp_year: new Date(at * 1000).getUTCFullYear() + 3,
      funding: "credit",
      last4: card.last4,
    },
    created: at,
    customer,
    livemode: false,
    metadata: {},
    type: "card",
    _fails: card.fails,
  };
  state.put(ns, pm);
  if (customer) state.emit(ns, "payment_method.attached", pm);
  return pm;
}

/** Resolves a payment method param: an existing pm_ id, or a test token that makes one. */
export function resolvePaymentMethod(
  state: State,
  ns: string,
  id: string,
  customer: string | null,
  at: number,
): PaymentMethod {
  if (id in TEST_CARDS || id.includes("chargeDeclined"))
    return createCard(state, ns, id, customer, at);
  const pm = state.get(ns, "payment_method", id, "payment_method");
  if (customer && pm.customer === null) {
    pm.customer = customer;
    state.put(ns, pm);
    state.emit(ns, "payment_method.attached", pm);
  }
  return pm;
}

const CUSTOMER_FIELDS = [
  "email",
  "name",
  "description",
  "phone",
  "metadata",
  "payment_method",
  "invoice_settings",
  "preferred_locales",
] as const;

function applyCustomer(
  state: State,
  ns: string,
  customer: Customer,
  p: Params,
): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  const set = <K extends "email" | "name" | "description" | "phone">(key: K) => {
    const value = p.nullableString(key);
    if (value !== undefined && value !== customer[key]) {
      previous[key] = customer[key];
      customer[key] = value;
    }
  };
  set("email");
  set("name");
  set("description");
  set("phone");
  if (p.has("metadata")) {
    previous.metadata = customer.metadata;
    customer.metadata = p.applyMetadata(customer.metadata);
  }
  const settings = p.object("invoice_settings");
  if (settings) {
    settings.allow(["default_payment_method", "custom_fields", "footer", "rendering_options"]);
    const pmId = settings.nullableString("default_payment_method");
    if (pmId !== undefined) {
      previous.invoice_settings = { ...customer.invoice_settings };
      const at = state.now(ns, customer.id);
      customer.invoice_settings.default_payment_method =
        pmId === null ? null : resolvePaymentMethod(state, ns, pmId, customer.id, at).id;
    }
  }
  return previous;
}

/** A new customer, stored (its `created` on its test clock's time); the caller emits the event. */
export function newCustomer(
  state: State,
  ns: string,
  fields: {
    email: string | null;
    name: string | null;
    testClock: string | null;
    preferredLocales: string[];
  },
): Customer {
  const id = newId("cus", 14);
  // With clockPerCustomer, one made without a clock (by the app, or by a hosted checkout) gets one
  // of its own at the stand-in's present, which only its tests advance.
  const testClock =
    fields.testClock ??
    (state.clockPerCustomer ? newTestClock(state, ns, state.realNow(), `customer ${id}`).id : null);
  const customer: Customer = {
    id,
    object: "customer",
    address: null,
    balance: 0,
    created: 0,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: fields.email,
    invoice_prefix: id.slice(4, 12).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: {},
    name: fields.name,
    phone: null,
    preferred_locales: fields.preferredLocales,
    shipping: null,
    tax_exempt: "none",
    test_clock: testClock,
    _invoice_count: 0,
  };
  state.put(ns, customer);
  customer.created = state.now(ns, id);
  return customer;
}

export function registerCustomers({ state, billing, route }: ApiDeps): void {
  route("POST", "/v1/customers", (ctx) => {
    const p = ctx.params.allow([...CUSTOMER_FIELDS, "test_clock"]);
    const clockId = p.string("test_clock");
    if (clockId) state.get(ctx.ns, "test_helpers.test_clock", clockId, "test_clock");
    const customer = newCustomer(state, ctx.ns, {
      email: null,
      name: null,
      testClock: clockId ?? null,
      preferredLocales: p.strings("preferred_locales"),
    });
    applyCustomer(state, ctx.ns, customer, p);
    const pmId = p.string("payment_method");
    if (pmId) resolvePaymentMethod(state, ctx.ns, pmId, customer.id, customer.created);
    state.put(ctx.ns, customer);
    state.emit(ctx.ns, "customer.created", customer);
    return ctx.render(customer);
  });

  route("GET", "/v1/customers/:id", (ctx) => {
    const id = ctx.path.id ?? "";
    return state.deletedStub(ctx.ns, id) ?? ctx.render(state.get(ctx.ns, "customer", id));
  });

  route("POST", "/v1/customers/:id", (ctx) => {
    const customer = state.get(ctx.ns, "customer", ctx.path.id ?? "");
    const previous = applyCustomer(state, ctx.ns, customer, ctx.params.allow(CUSTOMER_FIELDS));
    state.put(ctx.ns, customer);
    if (Object.keys(previous).length > 0)
      state.emit(ctx.ns, "customer.updated", customer, previous);
    return ctx.render(customer);
  });

  route("DELETE", "/v1/customers/:id", (ctx) => {
    const customer = state.get(ctx.ns, "customer", ctx.path.id ?? "");
    // Stripe cancels the customer's subscriptions with it.
    for (const sub of state.all(ctx.ns, "subscription")) {
      if (sub.customer === customer.id)
        billing.cancelNow(ctx.ns, sub, state.now(ctx.ns, customer.id));
    }
    state.emit(ctx.ns, "customer.deleted", customer);
    return state.markDeleted(ctx.ns, customer);
  });

  route("GET", "/v1/customers", (ctx) => {
    const p = ctx.params.allow([
      "email",
      "limit",
      "starting_after",
      "ending_before",
      "test_clock",
      "created",
    ]);
    const email = p.string("email");
    const clock = p.string("test_clock");
    const customers = state
      .all(ctx.ns, "customer")
      .filter(
        (c) =>
          (email === undefined || c.email === email) &&
          (clock === undefined || c.test_clock === clock),
      );
    return ctx.list(customers, "/v1/customers");
  });

  route("POST", "/v1/payment_methods/:id/attach", (ctx) => {
    const p = ctx.params.allow(["customer"]);
    const customer = state.get(ctx.ns, "customer", p.requireString("customer"), "customer");
    const pm = resolvePaymentMethod(
      state,
      ctx.ns,
      ctx.path.id ?? "",
      customer.id,
      state.now(ctx.ns, customer.id),
    );
    return ctx.render(pm);
  });

  route("POST", "/v1/payment_methods/:id/detach", (ctx) => {
    const pm = state.get(ctx.ns, "payment_method", ctx.path.id ?? "");
    const customer = state.tryGet(ctx.ns, "customer", pm.customer);
    if (customer?.invoice_settings.default_payment_method === pm.id) {
      customer.invoice_settings.default_payment_method = null;
      state.put(ctx.ns, customer);
    }
    pm.customer = null;
    state.put(ctx.ns, pm);
    state.emit(ctx.ns, "payment_method.detached", pm);
    return ctx.render(pm);
  });

  route("GET", "/v1/payment_methods/:id", (ctx) =>
    ctx.render(state.get(ctx.ns, "payment_method", ctx.path.id ?? "")),
  );

  const listCards = (ns: string, customer: string) =>
    state.all(ns, "payment_method").filter((pm) => pm.customer === customer);
  route("GET", "/v1/payment_methods", (ctx) => {
    const p = ctx.params.allow(["customer", "type", "limit", "starting_after", "ending_before"]);
    return ctx.list(listCards(ctx.ns, p.requireString("customer")), "/v1/payment_methods");
  });
  route("GET", "/v1/customers/:id/payment_methods", (ctx) => {
    ctx.params.allow(["type", "limit", "starting_after", "ending_before"]);
    const customer = state.get(ctx.ns, "customer", ctx.path.id ?? "");
    return ctx.list(listCards(ctx.ns, customer.id), `/v1/customers/${customer.id}/payment_methods`);
  });
}
