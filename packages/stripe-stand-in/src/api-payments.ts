// One-time payments: payment intents (create/confirm with a card), charges and refunds
// (refund.created and charge.refunded with the charge's new amount_refunded).
import type { ApiDeps } from "./api.ts";
import { resolvePaymentMethod } from "./api-customers.ts";
import { cardDeclined, invalidRequest } from "./errors.ts";
import { newId } from "./ids.ts";
import type { Charge, Refund } from "./types.ts";

export function registerPayments({ state, billing, route }: ApiDeps): void {
  route("POST", "/v1/payment_intents", (ctx) => {
    const p = ctx.params.allow([
      "amount",
      "currency",
      "customer",
      "payment_method",
      "confirm",
      "off_session",
      "metadata",
      "description",
      "automatic_payment_methods",
      "payment_method_types",
      "receipt_email",
      "application_fee_amount",
      "transfer_data",
      "on_behalf_of",
      "statement_descriptor",
      "return_url",
      "setup_future_usage",
    ]);
    const amount = p.int("amount");
    if (amount === undefined)
      throw invalidRequest("Missing required param: amount.", {
        param: "amount",
        code: "parameter_missing",
      });
    if (amount < 50) {
      throw invalidRequest("Amount must be at least $0.50 usd", {
        param: "amount",
        code: "amount_too_small",
      });
    }
    const customerId = p.string("customer") ?? null;
    if (customerId) state.get(ctx.ns, "customer", customerId, "customer");
    const at = state.now(ctx.ns, customerId);
    const intent = billing.newPaymentIntent(
      ctx.ns,
      {
        amount,
        currency: p.requireString("currency").toLowerCase(),
        customer: customerId,
        description: p.string("description") ?? null,
        metadata: p.applyMetadata({}),
        receiptEmail: p.string("receipt_email") ?? null,
      },
      at,
    );
    const pmId = p.string("payment_method");
    if (pmId) {
      intent.payment_method = resolvePaymentMethod(state, ctx.ns, pmId, customerId, at).id;
      intent.status = "requires_confirmation";
      state.put(ctx.ns, intent);
    }
    if (p.bool("confirm")) {
      const pm = state.tryGet(ctx.ns, "payment_method", intent.payment_method);
      if (!billing.charge(ctx.ns, intent, pm, at)) throw cardDeclined();
    }
    return ctx.render(intent);
  });

  route("POST", "/v1/payment_intents/:id/confirm", (ctx) => {
    const p = ctx.params.allow(["payment_method", "off_session", "return_url"]);
    const intent = state.get(ctx.ns, "payment_intent", ctx.path.id ?? "");
    if (intent.status === "succeeded" || intent.status === "canceled") {
      throw invalidRequest(
        `You cannot confirm this PaymentIntent because it has a status of ${intent.status}.`,
        { code: "payment_intent_unexpected_state" },
      );
    }
    const at = state.now(ctx.ns, intent.customer);
    const pmId = p.string("payment_method") ?? intent.payment_method;
    if (!pmId) {
      throw invalidRequest(
        "You cannot confirm this PaymentIntent because it's missing a payment method.",
        {
          code: "payment_intent_unexpected_state",
        },
      );
    }
    const pm = resolvePaymentMethod(state, ctx.ns, pmId, intent.customer, at);
    if (!billing.charge(ctx.ns, intent, pm, at)) throw cardDeclined();
    return ctx.render(intent);
  });

  route("POST", "/v1/payment_intents/:id/cancel", (ctx) => {
    ctx.params.allow(["cancellation_reason"]);
    const intent = state.get(ctx.ns, "payment_intent", ctx.path.id ?? "");
    if (intent.status === "succeeded") {
      throw invalidRequest(
        "You cannot cancel this PaymentIntent because it has a status of succeeded.",
        {
          code: "payment_intent_unexpected_state",
        },
      );
    }
    intent.status = "canceled";
    intent.canceled_at = state.now(ctx.ns, intent.customer);
    state.put(ctx.ns, intent);
    state.emit(ctx.ns, "payment_intent.canceled", intent);
    return ctx.render(intent);
  });

  route("GET", "/v1/payment_intents/:id", (ctx) =>
    ctx.render(state.get(ctx.ns, "payment_intent", ctx.path.id ?? "")),
  );

  route("GET", "/v1/payment_intents", (ctx) => {
    const p = ctx.params.allow(["customer", "limit", "starting_after", "ending_before", "created"]);
    const customer = p.string("customer");
    const intents = state
      .all(ctx.ns, "payment_intent")
      .filter((pi) => customer === undefined || pi.customer === customer);
    return ctx.list(intents, "/v1/payment_intents");
  });

  route("GET", "/v1/charges/:id", (ctx) =>
    ctx.render(state.get(ctx.ns, "charge", ctx.path.id ?? "")),
  );

  route("GET", "/v1/charges", (ctx) => {
    const p = ctx.params.allow([
      "customer",
      "payment_intent",
      "limit",
      "starting_after",
      "ending_before",
      "created",
    ]);
    const customer = p.string("customer");
    const intent = p.string("payment_intent");
    const charges = state
      .all(ctx.ns, "charge")
      .filter(
        (ch) =>
          (customer === undefined || ch.customer === customer) &&
          (intent === undefined || ch.payment_intent === intent),
      );
    return ctx.list(charges, "/v1/charges");
  });

  route("POST", "/v1/refunds", (ctx) => {
    const p = ctx.params.allow([
      "charge",
      "payment_intent",
      "amount",
      "reason",
      "metadata",
      "refund_application_fee",
      "reverse_transfer",
    ]);
    const chargeId = p.string("charge");
    const intentId = p.string("payment_intent");
    let charge: Charge;
    if (chargeId) {
      charge = state.get(ctx.ns, "charge", chargeId, "charge");
    } else if (intentId) {
      const intent = state.get(ctx.ns, "payment_intent", intentId, "payment_intent");
      const latest = state.tryGet(ctx.ns, "charge", intent.latest_charge);
      if (latest?.status !== "succeeded") {
        throw invalidRequest(
          `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
          {
            param: "payment_intent",
          },
        );
      }
      charge = latest;
    } else {
      throw invalidRequest(
        "One of the following params should be provided for this request: payment_intent or charge.",
        {
          code: "parameter_missing",
        },
      );
    }
    if (charge.status !== "succeeded") {
      throw invalidRequest(`Charge ${charge.id} has not been captured.`, { param: "charge" });
    }
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
        code: "charge_already_refunded",
      });
    }
    const amount = p.int("amount") ?? remaining;
    if (amount <= 0) throw invalidRequest("Invalid positive integer", { param: "amount" });
    if (amount > remaining) {
      throw invalidRequest(
        `Refund amount (${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge (${(remaining / 100).toFixed(2)})`,
        { param: "amount" },
      );
    }
    const at = state.now(ctx.ns, charge.customer);
    const refund: Refund = {
      id: newId("re"),
      object: "refund",
      amount,
      charge: charge.id,
      created: at,
      currency: charge.currency,
      metadata: p.applyMetadata({}),
      payment_intent: charge.payment_intent,
      reason:
        p.enumOf("reason", ["duplicate", "fraudulent", "requested_by_customer"] as const) ?? null,
      status: "succeeded",
    };
    state.put(ctx.ns, refund);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    state.put(ctx.ns, charge);
    state.emit(ctx.ns, "refund.created", refund);
    state.emit(ctx.ns, "charge.refunded", charge, previous);
    return ctx.render(refund);
  });

  route("GET", "/v1/refunds/:id", (ctx) =>
    ctx.render(state.get(ctx.ns, "refund", ctx.path.id ?? "")),
  );

  route("GET", "/v1/refunds", (ctx) => {
    const p = ctx.params.allow([
      "charge",
      "payment_intent",
      "limit",
      "starting_after",
      "ending_before",
      "created",
    ]);
    const charge = p.string("charge");
    const intent = p.string("payment_intent");
    const refunds = state
      .all(ctx.ns, "refund")
      .filter(
        (r) =>
          (charge === undefined || r.charge === charge) &&
          (intent === undefined || r.payment_intent === intent),
      );
    return ctx.list(refunds, "/v1/refunds");
  });
}
