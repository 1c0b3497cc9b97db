// Subscriptions (create, retrieve, list, update items with proration, cancel at period end and
// resume, cancel now, resume a paused one), their items, invoices and pending invoice items.
import type { ApiDeps } from "./api.ts";
import { resolvePaymentMethod } from "./api-customers.ts";
import type { ItemChange, NewItem } from "./billing.ts";
import { cardDeclined, invalidRequest, resourceMissing } from "./errors.ts";
import type { Params } from "./form.ts";
import type { State } from "./state.ts";
import type { Invoice, Price, Subscription } from "./types.ts";

const PRORATION = ["create_prorations", "always_invoice", "none"] as const;

function itemPrice(state: State, ns: string, p: Params, param: string): Price | null {
  const id = p.string("price") ?? p.string("plan");
  if (!id) return null;
  const price = state.get(ns, "price", id, param);
  if (!price.active) {
    throw invalidRequest(
      `The price specified is inactive. This field only accepts active prices.`,
      { param },
    );
  }
  return price;
}

/** items[] of an update (or of a preview's subscription_details). */
function parseItemChanges(state: State, ns: string, p: Params): ItemChange[] {
  return p.array("items").map((item, i) => {
    item.allow([
      "id",
      "price",
      "plan",
      "quantity",
      "deleted",
      "metadata",
      "clear_usage",
      "price_data",
      "tax_rates",
      "discounts",
    ]);
    const quantity = item.int("quantity");
    if (quantity !== undefined && quantity < 0) {
      throw invalidRequest("This value must be greater than or equal to 0.", {
        param: `${p.path("items")}[${i}][quantity]`,
      });
    }
    return {
      id: item.string("id") ?? null,
      price: itemPrice(state, ns, item, `${p.path("items")}[${i}][price]`),
      quantity: quantity ?? null,
      deleted: item.bool("deleted") ?? false,
      metadata: item.has("metadata") ? item.applyMetadata({}) : null,
    };
  });
}

export function registerSubscriptions(deps: ApiDeps): void {
  const { state, billing, route } = deps;

  route("POST", "/v1/subscriptions", (ctx) => {
    const p = ctx.params.allow([
      "customer",
      "items",
      "trial_period_days",
      "trial_end",
      "trial_from_plan",
      "trial_settings",
      "metadata",
      "default_payment_method",
      "payment_behavior",
      "cancel_at_period_end",
      "proration_behavior",
      "collection_method",
      "description",
      "off_session",
      "payment_settings",
      "application_fee_percent",
      "transfer_data",
      "on_behalf_of",
    ]);
    const customer = state.get(ctx.ns, "customer", p.requireString("customer"), "customer");
    const at = state.now(ctx.ns, customer.id);
    const items: NewItem[] = p.array("items").map((item, i) => {
      item.allow(["price", "plan", "quantity", "metadata", "price_data", "tax_rates", "discounts"]);
      const price = itemPrice(state, ctx.ns, item, `items[${i}][price]`);
      if (!price) {
        throw invalidRequest(`Missing required param: items[${i}][price].`, {
          param: `items[${i}][price]`,
          code: "parameter_missing",
        });
      }
      return { price, quantity: item.int("quantity") ?? 1, metadata: item.applyMetadata({}) };
    });
    const trialDays = p.int("trial_period_days");
    const trialEndParam = p.string("trial_end");
    const trialFromPlan = p.bool("trial_from_plan")
      ? (items[0]?.price.recurring?.trial_period_days ?? null)
      : null;
    let trialEnd: number | null = null;
    if (trialEndParam && trialEndParam !== "now") trialEnd = Number(trialEndParam);
    else if (trialDays) trialEnd = at + trialDays * 86_400;
    else if (trialFromPlan) trialEnd = at + trialFromPlan * 86_400;
    const pmId = p.string("default_payment_method");
    const pm = pmId ? resolvePaymentMethod(state, ctx.ns, pmId, customer.id, at) : null;
    const behavior = p.enumOf("payment_behavior", [
      "allow_incomplete",
      "default_incomplete",
      "error_if_incomplete",
      "pending_if_incomplete",
    ] as const);
    const missing = p
      .object("trial_settings")
      ?.object("end_behavior")
      ?.enumOf("missing_payment_method", ["cancel", "create_invoice", "pause"] as const);
    const sub = billing.createSubscription(ctx.ns, {
      customer,
      items,
      trialEnd,
      metadata: p.applyMetadata({}),
      defaultPaymentMethod: pm?.id ?? null,
      missingPaymentMethod: missing,
      errorIfIncomplete: behavior === "error_if_incomplete",
      attempt: behavior !== "default_incomplete",
    });
    if (p.bool("cancel_at_period_end")) billing.setCancelAtPeriodEnd(ctx.ns, sub, true, at);
    return ctx.render(sub);
  });

  route("GET", "/v1/subscriptions/:id", (ctx) =>
    ctx.render(state.get(ctx.ns, "subscription", ctx.path.id ?? "")),
  );

  route("POST", "/v1/subscriptions/:id", (ctx) => {
    const sub = state.get(ctx.ns, "subscription", ctx.path.id ?? "");
    const p = ctx.params.allow([
      "items",
      "proration_behavior",
      "proration_date",
      "cancel_at_period_end",
      "cancel_at",
      "cancellation_details",
      "metadata",
      "default_payment_method",
      "trial_end",
      "description",
      "payment_behavior",
      "billing_cycle_anchor",
      "pause_collection",
      "off_session",
    ]);
    if (sub.status === "canceled" || sub.status === "incomplete_expired") {
      throw invalidRequest(
        "A canceled subscription can only update its cancellation_details and metadata.",
        { param: p.has("items") ? "items" : undefined },
      );
    }
    const at = state.now(ctx.ns, sub.customer);
    const proration = p.enumOf("proration_behavior", PRORATION) ?? "create_prorations";
    const itemChanges = parseItemChanges(state, ctx.ns, p);
    const previous: Record<string, unknown> = {};
    const pmId = p.nullableString("default_payment_method");
    if (pmId !== undefined) {
      previous.default_payment_method = sub.default_payment_method;
      sub.default_payment_method =
        pmId === null ? null : resolvePaymentMethod(state, ctx.ns, pmId, sub.customer, at).id;
    }
    if (p.has("metadata")) {
      previous.metadata = sub.metadata;
      sub.metadata = p.applyMetadata(sub.metadata);
    }
    const description = p.nullableString("description");
    if (description !== undefined) {
      previous.description = sub.description;
      sub.description = description;
    }
    const details = p.object("cancellation_details");
    if (details) {
      previous.cancellation_details = { ...sub.cancellation_details };
      sub.cancellation_details.comment =
        details.nullableString("comment") ?? sub.cancellation_details.comment;
      sub.cancellation_details.feedback =
        details.nullableString("feedback") ?? sub.cancellation_details.feedback;
    }
    if (itemChanges.length > 0) {
      // proration_date: prorate as of that moment (what a preview showed the customer).
      const prorationAt = p.int("proration_date") ?? at;
      previous.items = billing.updateItems(ctx.ns, sub, itemChanges, proration, prorationAt);
    }
    const trialEnd = p.string("trial_end");
    if (trialEnd === "now" && sub.status === "trialing") {
      sub.trial_end = at;
      for (const item of sub.items) item.current_period_end = at;
    }
    if (Object.keys(previous).length > 0) {
      state.put(ctx.ns, sub);
      state.emit(ctx.ns, "customer.subscription.updated", sub, previous);
    }
    const cancel = p.bool("cancel_at_period_end");
    if (cancel !== undefined) billing.setCancelAtPeriodEnd(ctx.ns, sub, cancel, at);
    if (p.has("cancel_at")) {
      const cancelAt = p.int("cancel_at") ?? null;
      const before = { cancel_at: sub.cancel_at };
      sub.cancel_at = cancelAt;
      sub.cancel_at_period_end = cancelAt !== null && cancelAt === sub.items[0]?.current_period_end;
      sub.canceled_at = cancelAt === null ? null : at;
      state.put(ctx.ns, sub);
      state.emit(ctx.ns, "customer.subscription.updated", sub, before);
    }
    // Ending a trial now runs what is due (the first paid invoice) right away.
    if (trialEnd === "now") billing.runDue(ctx.ns, () => [sub], at);
    return ctx.render(sub);
  });

  route("DELETE", "/v1/subscriptions/:id", (ctx) => {
    const sub = state.get(ctx.ns, "subscription", ctx.path.id ?? "");
    const p = ctx.params.allow(["invoice_now", "prorate", "cancellation_details"]);
    if (sub.status === "canceled") {
      throw invalidRequest(`No such subscription: '${sub.id}'`, {
        code: "resource_missing",
        param: "id",
      });
    }
    const details = p.object("cancellation_details");
    if (details) {
      sub.cancellation_details.comment = details.nullableString("comment") ?? null;
      sub.cancellation_details.feedback = details.nullableString("feedback") ?? null;
    }
    billing.cancelNow(ctx.ns, sub, state.now(ctx.ns, sub.customer));
    return ctx.render(sub);
  });

  route("POST", "/v1/subscriptions/:id/resume", (ctx) => {
    ctx.params.allow(["billing_cycle_anchor", "proration_behavior", "proration_date"]);
    const sub = state.get(ctx.ns, "subscription", ctx.path.id ?? "");
    billing.resume(ctx.ns, sub, state.now(ctx.ns, sub.customer));
    return ctx.render(sub);
  });

  route("GET", "/v1/subscriptions", (ctx) => {
    const p = ctx.params.allow([
      "customer",
      "price",
      "status",
      "test_clock",
      "limit",
      "starting_after",
      "ending_before",
      "created",
      "collection_method",
    ]);
    const customer = p.string("customer");
    const price = p.string("price");
    const status = p.string("status");
    const clock = p.string("test_clock");
    const subs = state.all(ctx.ns, "subscription").filter((sub: Subscription) => {
      if (customer !== undefined && sub.customer !== customer) return false;
      if (price !== undefined && !sub.items.some((item) => item.price === price)) return false;
      if (clock !== undefined && sub.test_clock !== clock) return false;
      if (status === "all") return true;
      if (status === "ended")
        return sub.status === "canceled" || sub.status === "incomplete_expired";
      if (status !== undefined) return sub.status === status;
      return sub.status !== "canceled" && sub.status !== "incomplete_expired";
    });
    return ctx.list(subs, "/v1/subscriptions");
  });

  route("GET", "/v1/subscription_items", (ctx) => {
    const p = ctx.params.allow(["subscription", "limit", "starting_after", "ending_before"]);
    const sub = state.get(ctx.ns, "subscription", p.requireString("subscription"), "subscription");
    return ctx.list(sub.items, `/v1/subscription_items?subscription=${sub.id}`);
  });

  /** The subscription an item id belongs to, or Stripe's 404 for the item. */
  const owner = (ns: string, itemId: string): Subscription => {
    const sub = state.all(ns, "subscription").find((s) => s.items.some((i) => i.id === itemId));
    if (!sub) throw resourceMissing("subscription_item", itemId);
    return sub;
  };

  route("GET", "/v1/subscription_items/:id", (ctx) => {
    const id = ctx.path.id ?? "";
    const item = owner(ctx.ns, id).items.find((i) => i.id === id);
    return item ? state.renderItem(ctx.ns, item) : null;
  });

  // subscriptionItems.update: how seat counts usually change (quantity, with proration).
  route("POST", "/v1/subscription_items/:id", (ctx) => {
    const id = ctx.path.id ?? "";
    const sub = owner(ctx.ns, id);
    const p = ctx.params.allow([
      "quantity",
      "price",
      "plan",
      "metadata",
      "proration_behavior",
      "proration_date",
      "payment_behavior",
      "off_session",
    ]);
    if (sub.status === "canceled" || sub.status === "incomplete_expired") {
      throw invalidRequest("A canceled subscription cannot be updated.", { param: "quantity" });
    }
    const quantity = p.int("quantity");
    if (quantity !== undefined && quantity < 0) {
      throw invalidRequest("This value must be greater than or equal to 0.", { param: "quantity" });
    }
    const change: ItemChange = {
      id,
      price: itemPrice(state, ctx.ns, p, "price"),
      quantity: quantity ?? null,
      deleted: false,
      metadata: p.has("metadata") ? p.applyMetadata({}) : null,
    };
    const now = state.now(ctx.ns, sub.customer);
    const proration = p.enumOf("proration_behavior", PRORATION) ?? "create_prorations";
    const at = p.int("proration_date") ?? now;
    const previousItems = billing.updateItems(ctx.ns, sub, [change], proration, at);
    state.emit(ctx.ns, "customer.subscription.updated", sub, { items: previousItems });
    const item = sub.items.find((i) => i.id === id);
    return item ? state.renderItem(ctx.ns, item) : null;
  });

  // ---- invoices ----------------------------------------------------------------------------------

  route("GET", "/v1/invoices/:id", (ctx) =>
    ctx.render(state.get(ctx.ns, "invoice", ctx.path.id ?? "")),
  );

  route("GET", "/v1/invoices/:id/lines", (ctx) => {
    ctx.params.allow(["limit", "starting_after", "ending_before"]);
    const invoice = state.get(ctx.ns, "invoice", ctx.path.id ?? "");
    return {
      object: "list",
      data: invoiceLines(state, ctx.ns, invoice),
      has_more: false,
      url: `/v1/invoices/${invoice.id}/lines`,
    };
  });

  route("GET", "/v1/invoices", (ctx) => {
    const p = ctx.params.allow([
      "customer",
      "subscription",
      "status",
      "limit",
      "starting_after",
      "ending_before",
      "created",
      "collection_method",
    ]);
    const customer = p.string("customer");
    const subscription = p.string("subscription");
    const status = p.string("status");
    const invoices = state
      .all(ctx.ns, "invoice")
      .filter(
        (inv) =>
          (customer === undefined || inv.customer === customer) &&
          (subscription === undefined ||
            inv.parent?.subscription_details.subscription === subscription) &&
          (status === undefined || inv.status === status),
      );
    return ctx.list(invoices, "/v1/invoices");
  });

  route("POST", "/v1/invoices/:id/pay", (ctx) => {
    const invoice = state.get(ctx.ns, "invoice", ctx.path.id ?? "");
    const p = ctx.params.allow([
      "payment_method",
      "paid_out_of_band",
      "off_session",
      "forgive",
      "source",
      "mandate",
    ]);
    if (invoice.status === "paid")
      throw invalidRequest("Invoice is already paid", { code: "invoice_already_paid" });
    if (invoice.status !== "open" && invoice.status !== "draft") {
      throw invalidRequest(`This invoice can no longer be paid (status ${invoice.status}).`, {});
    }
    const at = state.now(ctx.ns, invoice.customer);
    if (invoice.status === "draft") billing.finalizeDraft(ctx.ns, invoice, at);
    if (p.bool("paid_out_of_band")) {
      billing.markPaid(ctx.ns, invoice, at);
    } else {
      const pmId = p.string("payment_method");
      const pm = pmId ? resolvePaymentMethod(state, ctx.ns, pmId, invoice.customer, at) : undefined;
      if (!billing.payInvoice(ctx.ns, invoice, at, pm)) throw cardDeclined();
    }
    billing.invoiceSettled(ctx.ns, invoice, at);
    return ctx.render(invoice);
  });

  route("POST", "/v1/invoices/:id/void", (ctx) => {
    const invoice = state.get(ctx.ns, "invoice", ctx.path.id ?? "");
    if (invoice.status !== "open") throw invalidRequest("You can only void an open invoice.", {});
    invoice.status = "void";
    invoice.amount_remaining = 0;
    invoice.next_payment_attempt = null;
    invoice.status_transitions.voided_at = state.now(ctx.ns, invoice.customer);
    state.put(ctx.ns, invoice);
    state.emit(ctx.ns, "invoice.voided", invoice);
    return ctx.render(invoice);
  });

  route("POST", "/v1/invoices/create_preview", (ctx) => {
    const p = ctx.params.allow([
      "customer",
      "subscription",
      "subscription_details",
      "automatic_tax",
    ]);
    const sub = state.get(ctx.ns, "subscription", p.requireString("subscription"), "subscription");
    const details = p.object("subscription_details");
    details?.allow([
      "items",
      "proration_behavior",
      "proration_date",
      "cancel_at_period_end",
      "trial_end",
    ]);
    const items = details ? parseItemChanges(state, ctx.ns, details) : [];
    if (!details || items.length === 0) return billing.preview(ctx.ns, sub);
    return billing.preview(ctx.ns, sub, {
      items,
      proration: details.enumOf("proration_behavior", PRORATION) ?? "create_prorations",
      at: details.int("proration_date") ?? state.now(ctx.ns, sub.customer),
    });
  });

  route("GET", "/v1/invoiceitems", (ctx) => {
    const p = ctx.params.allow([
      "customer",
      "invoice",
      "pending",
      "limit",
      "starting_after",
      "ending_before",
      "created",
    ]);
    const customer = p.string("customer");
    const invoice = p.string("invoice");
    const pending = p.bool("pending");
    const items = state
      .all(ctx.ns, "invoiceitem")
      .filter(
        (item) =>
          (customer === undefined || item.customer === customer) &&
          (invoice === undefined || item.invoice === invoice) &&
          (pending === undefined || (item.invoice === null) === pending),
      );
    return ctx.list(items, "/v1/invoiceitems");
  });
}

function invoiceLines(state: State, ns: string, invoice: Invoice): unknown {
  const rendered = state.render(ns, invoice);
  if (typeof rendered === "object" && rendered !== null && "lines" in rendered) {
    const lines = rendered.lines;
    if (typeof lines === "object" && lines !== null && "data" in lines) return lines.data;
  }
  return [];
}
