// Checkout sessions (subscription and payment mode) and billing portal sessions. The sessions'
// `url`s point at the stand-in's own hosted pages (pages.ts), which complete them.
import type { ApiDeps, RequestCtx } from "./api.ts";
import { createPrice, createProduct } from "./api-catalog.ts";
import { invalidRequest } from "./errors.ts";
import type { Params } from "./form.ts";
import { newId } from "./ids.ts";
import type { State } from "./state.ts";
import type { CheckoutSession, PortalSession, Price, Product, SessionLine } from "./types.ts";

const SESSION_FIELDS = [
  "mode",
  "line_items",
  "success_url",
  "cancel_url",
  "return_url",
  "customer",
  "customer_email",
  "customer_creation",
  "client_reference_id",
  "metadata",
  "subscription_data",
  "payment_intent_data",
  "allow_promotion_codes",
  "billing_address_collection",
  "expires_at",
  "locale",
  "payment_method_types",
  "automatic_tax",
  "tax_id_collection",
  "ui_mode",
  "submit_type",
  "consent_collection",
  "phone_number_collection",
  "invoice_creation",
  "custom_text",
  "saved_payment_method_options",
  "payment_method_collection",
  "payment_method_configuration",
  "customer_update",
  "discounts",
  "shipping_address_collection",
  "redirect_on_completion",
  "optional_items",
] as const;

function lineItem(state: State, ns: string, p: Params, index: number, at: number): SessionLine {
  p.allow(["price", "price_data", "quantity", "adjustable_quantity"]);
  const quantity = p.int("quantity") ?? 1;
  if (quantity < 1) {
    throw invalidRequest("Quantity must be greater than 0.", {
      param: `line_items[${index}][quantity]`,
    });
  }
  const priceId = p.string("price");
  const priceData = p.object("price_data");
  let price: Price;
  if (priceId) {
    price = state.get(ns, "price", priceId, `line_items[${index}][price]`);
    if (!price.active) {
      throw invalidRequest(
        `The price specified is inactive. This field only accepts active prices.`,
        { param: `line_items[${index}][price]` },
      );
    }
  } else if (priceData) {
    priceData.allow([
      "currency",
      "unit_amount",
      "unit_amount_decimal",
      "product",
      "product_data",
      "recurring",
      "tax_behavior",
    ]);
    const productId = priceData.string("product");
    const productData = priceData.object("product_data");
    let product: Product;
    if (productId)
      product = state.get(ns, "product", productId, `line_items[${index}][price_data][product]`);
    else if (productData) product = createProduct(state, ns, productData, at);
    else {
      throw invalidRequest("Missing required param: line_items[0][price_data][product].", {
        param: `line_items[${index}][price_data][product]`,
        code: "parameter_missing",
      });
    }
    // Inline prices exist only for this session, as in Stripe (inactive, no price.created).
    price = createPrice(state, ns, priceData, product, at, { emit: false, active: false });
  } else {
    throw invalidRequest(`Missing required param: line_items[${index}][price].`, {
      param: `line_items[${index}][price]`,
      code: "parameter_missing",
    });
  }
  return { id: newId("li"), price: price.id, quantity };
}

export function renderLineItems(state: State, ns: string, session: CheckoutSession): unknown {
  return {
    object: "list",
    data: session._line_items.map((line) => {
      const price = state.get(ns, "price", line.price);
      const amount = price.unit_amount * line.quantity;
      return {
        id: line.id,
        object: "item",
        amount_discount: 0,
        amount_subtotal: amount,
        amount_tax: 0,
        amount_total: amount,
        currency: price.currency,
        description: state.tryGet(ns, "product", price.product)?.name ?? null,
        price: state.render(ns, price),
        quantity: line.quantity,
      };
    }),
    has_more: false,
    url: `/v1/checkout/sessions/${session.id}/line_items`,
  };
}

function renderSession(state: State, ctx: RequestCtx, session: CheckoutSession): unknown {
  const base = ctx.render(session);
  if (
    !ctx.params.strings("expand").includes("line_items") ||
    typeof base !== "object" ||
    base === null
  ) {
    return base;
  }
  return { ...base, line_items: renderLineItems(state, ctx.ns, session) };
}

function expireSession(state: State, ns: string, session: CheckoutSession): void {
  session.status = "expired";
  session.url = null;
  state.put(ns, session);
  state.emit(ns, "checkout.session.expired", session);
}

/**
 * Open sessions past expires_at expire (checkout.session.expired), by real time or, for a
 * customer on a test clock, by the clock's.
 */
export function expireDueSessions(state: State, ns: string, onClock: string | null): void {
  for (const session of state.all(ns, "checkout.session")) {
    if (session.status !== "open") continue;
    const customer = state.tryGet(ns, "customer", session.customer);
    if ((customer?.test_clock ?? null) !== onClock) continue;
    if (session.expires_at <= state.now(ns, session.customer)) expireSession(state, ns, session);
  }
}

export function registerCheckout({ state, route }: ApiDeps): void {
  route("POST", "/v1/checkout/sessions", (ctx) => {
    const p = ctx.params.allow(SESSION_FIELDS);
    const mode = p.enumOf("mode", ["payment", "subscription", "setup"] as const);
    if (!mode)
      throw invalidRequest("Missing required param: mode.", {
        param: "mode",
        code: "parameter_missing",
      });
    if (mode === "setup") {
      throw invalidRequest("The stand-in implements mode=payment and mode=subscription only.", {
        param: "mode",
      });
    }
    const customerId = p.string("customer");
    const customerEmail = p.string("customer_email");
    if (customerId && customerEmail) {
      throw invalidRequest(
        "You may only specify one of these parameters: customer, customer_email.",
        {
          param: "customer_email",
        },
      );
    }
    const customer = customerId ? state.get(ctx.ns, "customer", customerId, "customer") : undefined;
    const at = state.now(ctx.ns, customer?.id);
    const lines = p.array("line_items").map((item, i) => lineItem(state, ctx.ns, item, i, at));
    if (lines.length === 0) {
      throw invalidRequest("Missing required param: line_items.", {
        param: "line_items",
        code: "parameter_missing",
      });
    }
    const prices = lines.map((line) => state.get(ctx.ns, "price", line.price));
    if (mode === "subscription" && !prices.some((price) => price.type === "recurring")) {
      throw invalidRequest(
        "You must provide at least one recurring price in `subscription` mode when using prices.",
        { param: "line_items" },
      );
    }
    if (mode === "payment" && prices.some((price) => price.type === "recurring")) {
      throw invalidRequest(
        "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
        { param: "line_items" },
      );
    }
    const currency = prices[0]?.currency ?? "usd";
    if (prices.some((price) => price.currency !== currency)) {
      throw invalidRequest("All prices must be in the same currency.", { param: "line_items" });
    }
    const subscriptionData = p.object("subscription_data");
    if (subscriptionData && mode !== "subscription") {
      throw invalidRequest("You can not pass `subscription_data` in `payment` mode.", {
        param: "subscription_data",
      });
    }
    subscriptionData?.allow([
      "trial_period_days",
      "trial_end",
      "metadata",
      "description",
      "trial_settings",
      "application_fee_percent",
      "transfer_data",
      "on_behalf_of",
      "default_tax_rates",
      "proration_behavior",
      "billing_cycle_anchor",
    ]);
    const trialDays = subscriptionData?.int("trial_period_days") ?? null;
    if (trialDays !== null && trialDays < 1) {
      throw invalidRequest("The minimum number of trial period days is 1.", {
        param: "subscription_data[trial_period_days]",
      });
    }
    const paymentIntentData = p.object("payment_intent_data");
    if (paymentIntentData && mode !== "payment") {
      throw invalidRequest("You can not pass `payment_intent_data` in `subscription` mode.", {
        param: "payment_intent_data",
      });
    }
    const successUrl = p.string("success_url") ?? null;
    if (successUrl !== null && !/^https?:\/\//.test(successUrl)) {
      throw invalidRequest("Not a valid URL", { param: "success_url", code: "url_invalid" });
    }
    const amount = lines.reduce(
      (sum, line, i) => sum + (prices[i]?.unit_amount ?? 0) * line.quantity,
      0,
    );
    const id = newId("cs_test", 58);
    const session: CheckoutSession = {
      id,
      object: "checkout.session",
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: p.string("cancel_url") ?? null,
      client_reference_id: p.string("client_reference_id") ?? null,
      created: at,
      currency,
      customer: customer?.id ?? null,
      customer_creation: customer
        ? null
        : mode === "payment"
          ? (p.enumOf("customer_creation", ["always", "if_required"] as const) ?? "if_required")
          : "always",
      customer_details: customer ? { email: customer.email, name: customer.name } : null,
      customer_email: customerEmail ?? null,
      expires_at: p.int("expires_at") ?? at + 24 * 3600,
      invoice: null,
      livemode: false,
      metadata: p.applyMetadata({}),
      mode,
      payment_intent: null,
      payment_status: "unpaid",
      status: "open",
      subscription: null,
      success_url: successUrl,
      url: `${state.baseUrl}/checkout/${id}`,
      _line_items: lines,
      _trial_period_days: trialDays,
      _subscription_metadata: subscriptionData?.applyMetadata({}) ?? {},
      _payment_intent_metadata: paymentIntentData?.applyMetadata({}) ?? {},
      _payment_intent_receipt_email: paymentIntentData?.string("receipt_email") ?? null,
    };
    state.put(ctx.ns, session);
    return renderSession(state, ctx, session);
  });

  route("GET", "/v1/checkout/sessions/:id", (ctx) =>
    renderSession(state, ctx, state.get(ctx.ns, "checkout.session", ctx.path.id ?? "")),
  );

  route("GET", "/v1/checkout/sessions/:id/line_items", (ctx) => {
    ctx.params.allow(["limit", "starting_after", "ending_before"]);
    return renderLineItems(state, ctx.ns, state.get(ctx.ns, "checkout.session", ctx.path.id ?? ""));
  });

  route("POST", "/v1/checkout/sessions/:id/expire", (ctx) => {
    const session = state.get(ctx.ns, "checkout.session", ctx.path.id ?? "");
    if (session.status !== "open") {
      throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired.`, {});
    }
    expireSession(state, ctx.ns, session);
    return ctx.render(session);
  });

  route("GET", "/v1/checkout/sessions", (ctx) => {
    const p = ctx.params.allow([
      "customer",
      "subscription",
      "payment_intent",
      "status",
      "limit",
      "starting_after",
      "ending_before",
      "created",
    ]);
    const customer = p.string("customer");
    const subscription = p.string("subscription");
    const intent = p.string("payment_intent");
    const status = p.string("status");
    const sessions = state
      .all(ctx.ns, "checkout.session")
      .filter(
        (s) =>
          (customer === undefined || s.customer === customer) &&
          (subscription === undefined || s.subscription === subscription) &&
          (intent === undefined || s.payment_intent === intent) &&
          (status === undefined || s.status === status),
      );
    return ctx.list(sessions, "/v1/checkout/sessions");
  });

  route("POST", "/v1/billing_portal/sessions", (ctx) => {
    const p = ctx.params.allow([
      "customer",
      "return_url",
      "configuration",
      "flow_data",
      "locale",
      "on_behalf_of",
    ]);
    const customer = state.get(ctx.ns, "customer", p.requireString("customer"), "customer");
    const id = newId("bps");
    const session: PortalSession = {
      id,
      object: "billing_portal.session",
      configuration: "bpc_stand_in_default",
      created: state.now(ctx.ns, customer.id),
      customer: customer.id,
      flow: null,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: p.string("return_url") ?? null,
      url: `${state.baseUrl}/portal/${id}`,
    };
    state.put(ctx.ns, session);
    return ctx.render(session);
  });
}
