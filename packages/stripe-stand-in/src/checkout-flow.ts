// What paying on the hosted checkout page does, in Stripe's order: the customer and card, then
// the subscription (its invoice, charge and events) or the one-time payment, then
// checkout.session.completed. A declined card leaves the session open and creates nothing.
import { createCard, newCustomer } from "./api-customers.ts";
import type { Billing } from "./billing.ts";
import type { State } from "./state.ts";
import type { CheckoutSession } from "./types.ts";

export type CardChoice = "visa" | "declined" | "fails_later";

export function amountDueNow(session: CheckoutSession): number {
  if (session.mode === "subscription" && session._trial_period_days) return 0;
  return session.amount_total;
}

/** Completes an open session; returns an error message for the page when the card is declined. */
export function completeCheckout(
  state: State,
  billing: Billing,
  ns: string,
  session: CheckoutSession,
  input: { card: CardChoice; email: string | null; name: string | null },
): { ok: true } | { ok: false; message: string } {
  if (session.status !== "open")
    return { ok: false, message: "This checkout session is no longer open." };
  const failsNow =
    input.card === "declined" || (input.card === "fails_later" && amountDueNow(session) > 0);
  if (failsNow) return { ok: false, message: "Your card was declined." };
  const email = input.email ?? session.customer_email;
  let customer = state.tryGet(ns, "customer", session.customer);
  const needsCustomer = session.mode === "subscription" || session.customer_creation === "always";
  if (!customer && needsCustomer) {
    customer = newCustomer(state, ns, {
      email,
      name: input.name,
      testClock: null,
      preferredLocales: [],
    });
    state.emit(ns, "customer.created", customer);
  }
  const at = state.now(ns, customer?.id);
  const pm = createCard(
    state,
    ns,
    input.card === "fails_later" ? "pm_card_chargeCustomerFail" : "pm_card_visa",
    customer?.id ?? null,
    at,
  );
  if (session.mode === "subscription" && customer) {
    const items = session._line_items.map((line) => ({
      price: billing.price(ns, line.price),
      quantity: line.quantity,
      metadata: {},
    }));
    const trialDays = session._trial_period_days;
    const sub = billing.createSubscription(ns, {
      customer,
      items,
      trialEnd: trialDays ? at + trialDays * 86_400 : null,
      metadata: { ...session._subscription_metadata },
      defaultPaymentMethod: pm.id,
    });
    session.subscription = sub.id;
    session.invoice = sub.latest_invoice;
    session.payment_status = trialDays ? "no_payment_required" : "paid";
  } else {
    const intent = billing.newPaymentIntent(
      ns,
      {
        amount: session.amount_total,
        currency: session.currency,
        customer: customer?.id ?? null,
        description: null,
        metadata: { ...session._payment_intent_metadata },
        receiptEmail: session._payment_intent_receipt_email ?? null,
      },
      at,
    );
    billing.charge(ns, intent, pm, at);
    session.payment_intent = intent.id;
    session.payment_status = "paid";
  }
  session.customer = customer?.id ?? null;
  session.customer_details = {
    email: customer?.email ?? email,
    name: customer?.name ?? input.name,
  };
  session.status = "complete";
  session.url = null;
  state.put(ns, session);
  state.emit(ns, "checkout.session.completed", session);
  return { ok: true };
}
