// The hosted pages Stripe would serve, reduced to what completes each flow: checkout (pay, or a
// declined card), the billing portal (change plan, cancel at period end, resume, change card),
// the hosted invoice (pay an open invoice) and Connect onboarding. Plain HTML forms with labelled
// controls, no script, so a browser test (or a person on `pnpm dev`) clicks through them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { completeOnboarding } from "./api-connect.ts";
import { createCard } from "./api-customers.ts";
import type { Billing } from "./billing.ts";
import { amountDueNow, type CardChoice, completeCheckout } from "./checkout-flow.ts";
import { parseForm } from "./form.ts";
import type { Kind, State } from "./state.ts";
import type { Price, Subscription } from "./types.ts";

function esc(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
  }).format(amount / 100);
}

function day(ts: number): string {
  return new Date(ts * 1000).toISOString().slice(0, 10);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:34rem;margin:0 auto;padding:1rem;color:#1a1a1a}
.badge{display:inline-block;background:#fff3cd;border:1px solid #e0c36a;border-radius:4px;padding:2px 6px;font-size:.8rem}
table{width:100%;border-collapse:collapse}td{padding:.3rem 0;border-bottom:1px solid #eee}
td.amount{text-align:right}button{font:inherit;padding:.6rem 1rem;margin:.25rem .25rem .25rem 0;cursor:pointer}
button.primary{background:#635bff;color:#fff;border:0;border-radius:6px}
.error{color:#b00020;font-weight:600}label{display:block;margin:.5rem 0 .2rem}input,select{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
section{border:1px solid #ddd;border-radius:8px;padding:.75rem;margin:.75rem 0}
</style></head>
<body><p><span class="badge">Test mode: local Stripe stand-in</span></p>${body}</body></html>`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location });
  res.end();
}

function notFound(res: ServerResponse): void {
  send(
    res,
    404,
    layout("Not found", "<h1>Not found</h1><p>This link is not valid or has expired.</p>"),
  );
}

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  let body = "";
  for await (const chunk of req) body += chunk;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parseForm(body))) if (typeof v === "string") out[k] = v;
  return out;
}

export class Pages {
  private readonly state: State;
  private readonly billing: Billing;

  constructor(state: State, billing: Billing) {
    this.state = state;
    this.billing = billing;
  }

  /** The namespace a page's object lives in (pages are reached by id alone), or null. */
  private namespaceOf(id: string, kind: Kind): string | null {
    const entry = this.state.find(id);
    return entry?.value.object === kind ? entry.namespace : null;
  }

  /** Set by the server: moves the stand-in's time forward and runs what falls due. */
  advanceTime: (seconds: number) => void = () => {};

  /** Handles a page request; false when the path is not a page. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const method = req.method ?? "GET";
    let m = /^\/checkout\/([^/]+)$/.exec(path);
    if (m) {
      await this.checkout(req, res, decodeURIComponent(m[1] ?? ""), method);
      return true;
    }
    m = /^\/portal\/([^/]+)$/.exec(path);
    if (m) {
      await this.portal(req, res, decodeURIComponent(m[1] ?? ""), method);
      return true;
    }
    m = /^\/invoice\/([^/]+)$/.exec(path);
    if (m) {
      await this.invoice(req, res, decodeURIComponent(m[1] ?? ""), method);
      return true;
    }
    m = /^\/connect\/onboarding\/([^/]+)$/.exec(path);
    if (m) {
      await this.onboarding(req, res, decodeURIComponent(m[1] ?? ""), method);
      return true;
    }
    if (path === "/_stand-in/dashboard" && method === "GET") {
      this.dashboard(res);
      return true;
    }
    if (path === "/_stand-in/advance" && method === "POST") {
      const form = await readForm(req);
      const seconds = Number(form.seconds ?? 0) + Number(form.days ?? 0) * 86_400;
      if (!(seconds > 0)) {
        send(res, 400, layout("Advance", '<p class="error">Give seconds= or days= above 0.</p>'));
        return true;
      }
      this.advanceTime(seconds);
      redirect(res, "/_stand-in/dashboard");
      return true;
    }
    m = /^\/(connect\/dashboard|receipt)\/([^/]+)$/.exec(path);
    if (m) {
      // Where login links and receipt_url lead: Stripe's Express dashboard and receipts.
      const what = m[1] === "receipt" ? "Receipt" : "Express dashboard";
      const body = `<h1>${what}</h1><p>${esc(decodeURIComponent(m[2] ?? ""))}</p><p>The stand-in shows no more than this.</p>`;
      send(res, 200, layout(what, body));
      return true;
    }
    return false;
  }

  private lineRows(ns: string, lines: { price: string; quantity: number }[]): string {
    return lines
      .map((line) => {
        const price = this.state.get(ns, "price", line.price);
        const product = this.state.tryGet(ns, "product", price.product);
        const per = price.recurring ? ` / ${price.recurring.interval}` : "";
        return `<tr><td>${esc(product?.name ?? price.product)}${line.quantity > 1 ? ` × ${line.quantity}` : ""}</td><td class="amount">${esc(money(price.unit_amount * line.quantity, price.currency))}${per}</td></tr>`;
      })
      .join("");
  }

  private async checkout(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    method: string,
  ): Promise<void> {
    const ns = this.namespaceOf(id, "checkout.session");
    if (ns === null) return notFound(res);
    const session = this.state.get(ns, "checkout.session", id);
    let error = "";
    if (method === "POST") {
      const form = await readForm(req);
      const card: CardChoice =
        form.outcome === "decline"
          ? "declined"
          : form.outcome === "pay_fails_later"
            ? "fails_later"
            : "visa";
      const result = completeCheckout(this.state, this.billing, ns, session, {
        card,
        email: form.email || null,
        name: form.name || null,
      });
      if (result.ok) {
        if (session.success_url)
          return redirect(res, session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id));
        return send(
          res,
          200,
          layout("Payment complete", "<h1>Payment complete</h1><p>You can close this page.</p>"),
        );
      }
      error = result.message;
    }
    if (session.status !== "open") {
      return send(
        res,
        410,
        layout("Checkout closed", `<h1>This checkout session is ${esc(session.status)}</h1>`),
      );
    }
    const customer = this.state.tryGet(ns, "customer", session.customer);
    const email = customer?.email ?? session.customer_email ?? "";
    const trial = session._trial_period_days;
    const dueNow = amountDueNow(session);
    const title = session.mode === "subscription" ? "Subscribe" : "Pay";
    const body = `<h1>${title}</h1>
<table>${this.lineRows(ns, session._line_items)}
<tr><td><strong>${trial ? `Due today (${trial}-day trial)` : "Total due today"}</strong></td><td class="amount"><strong>${esc(money(dueNow, session.currency))}</strong></td></tr></table>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<form method="post">
<label for="email">Email</label><input id="email" name="email" type="email" value="${esc(email)}" ${customer ? "readonly" : ""}>
<label for="name">Name on card</label><input id="name" name="name" autocomplete="cc-name" value="${esc(customer?.name ?? "")}">
<p>Card: 4242 4242 4242 4242 (test)</p>
<button class="primary" type="submit" name="outcome" value="pay">${session.mode === "subscription" ? (trial ? "Start trial" : "Subscribe") : "Pay"}</button>
<button type="submit" name="outcome" value="decline">Decline card</button>
${trial ? `<button type="submit" name="outcome" value="pay_fails_later">Start trial with a card that fails later</button>` : ""}
</form>
${session.cancel_url ? `<p><a href="${esc(session.cancel_url)}">Cancel and go back</a></p>` : ""}`;
    send(res, error ? 402 : 200, layout(title, body));
  }

  private planOptions(ns: string, sub: Subscription): Price[] {
    const current = this.state.tryGet(ns, "price", sub.items[0]?.price ?? null);
    return this.state
      .all(ns, "price")
      .filter(
        (p) =>
          p.active && p.type === "recurring" && p.currency === sub.currency && p.id !== current?.id,
      )
      .reverse();
  }

  private async portal(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    method: string,
  ): Promise<void> {
    const ns = this.namespaceOf(id, "billing_portal.session");
    if (ns === null) return notFound(res);
    const session = this.state.get(ns, "billing_portal.session", id);
    const customer = this.state.get(ns, "customer", session.customer);
    if (method === "POST") {
      const form = await readForm(req);
      const sub = this.state.tryGet(ns, "subscription", form.subscription ?? null);
      if (sub && sub.customer === customer.id) {
        const at = this.state.now(ns, customer.id);
        this.state.request = null;
        if (form.action === "change_plan" && form.price) {
          const price = this.state.get(ns, "price", form.price);
          const item = sub.items[0];
          const previousItems = this.billing.updateItems(
            ns,
            sub,
            [{ id: item?.id ?? null, price, quantity: null, deleted: false, metadata: null }],
            "create_prorations",
            at,
          );
          this.state.emit(ns, "customer.subscription.updated", sub, { items: previousItems });
        } else if (form.action === "cancel") {
          this.billing.setCancelAtPeriodEnd(ns, sub, true, at);
        } else if (form.action === "resume") {
          this.billing.setCancelAtPeriodEnd(ns, sub, false, at);
        } else if (form.action === "card_ok" || form.action === "card_fails") {
          const pm = createCard(
            this.state,
            ns,
            form.action === "card_ok" ? "pm_card_visa" : "pm_card_chargeCustomerFail",
            customer.id,
            at,
          );
          const previous = { default_payment_method: sub.default_payment_method };
          sub.default_payment_method = pm.id;
          this.state.put(ns, sub);
          this.state.emit(ns, "customer.subscription.updated", sub, previous);
        }
      }
      return redirect(res, `/portal/${session.id}`);
    }
    const subs = this.state
      .all(ns, "subscription")
      .filter(
        (s) =>
          s.customer === customer.id &&
          s.status !== "canceled" &&
          s.status !== "incomplete_expired",
      );
    const sections = subs
      .map((sub) => {
        const item = sub.items[0];
        const price = this.state.tryGet(ns, "price", item?.price ?? null);
        const product = this.state.tryGet(ns, "product", price?.product ?? null);
        const pm = this.billing.defaultPaymentMethod(ns, customer, sub);
        const hidden = `<input type="hidden" name="subscription" value="${esc(sub.id)}">`;
        const options = this.planOptions(ns, sub)
          .map((p) => {
            const name = this.state.tryGet(ns, "product", p.product)?.name ?? p.product;
            return `<option value="${esc(p.id)}">${esc(name)} — ${esc(money(p.unit_amount, p.currency))} / ${esc(p.recurring?.interval ?? "")}</option>`;
          })
          .join("");
        const periodEnd = item ? day(item.current_period_end) : "";
        return `<section aria-label="Subscription ${esc(product?.name ?? "")}">
<h2>${esc(product?.name ?? "Subscription")}</h2>
<p>${price ? esc(money(price.unit_amount * (item?.quantity ?? 1), price.currency)) : ""} / ${esc(price?.recurring?.interval ?? "")} · status <strong>${esc(sub.status)}</strong></p>
<p>${sub.cancel_at_period_end ? `Cancels on ${periodEnd}` : `Renews on ${periodEnd}`}</p>
<p>Card: ${pm ? `${esc(pm.card.brand)} •••• ${esc(pm.card.last4)}` : "none"}</p>
${options ? `<form method="post">${hidden}<input type="hidden" name="action" value="change_plan"><label for="price-${esc(sub.id)}">Change plan</label><select id="price-${esc(sub.id)}" name="price">${options}</select><button type="submit">Change plan</button></form>` : ""}
<form method="post">${hidden}${sub.cancel_at_period_end ? `<button type="submit" name="action" value="resume">Renew plan</button>` : `<button type="submit" name="action" value="cancel">Cancel plan</button>`}</form>
<form method="post">${hidden}<button type="submit" name="action" value="card_ok">Use card 4242</button><button type="submit" name="action" value="card_fails">Use a card that fails (0341)</button></form>
</section>`;
      })
      .join("");
    const invoices = this.state
      .all(ns, "invoice")
      .filter((inv) => inv.customer === customer.id && inv.status !== "draft")
      .slice(0, 10)
      .map(
        (inv) =>
          `<tr><td>${day(inv.created)}</td><td>${esc(inv.status)}</td><td class="amount"><a href="${esc(inv.hosted_invoice_url ?? "#")}">${esc(money(inv.amount_due, inv.currency))}</a></td></tr>`,
      )
      .join("");
    const body = `<h1>Billing</h1><p>${esc(customer.email ?? customer.id)}</p>
${sections || "<p>No active subscriptions.</p>"}
${invoices ? `<h2>Invoices</h2><table>${invoices}</table>` : ""}
${session.return_url ? `<p><a href="${esc(session.return_url)}">Return</a></p>` : ""}`;
    send(res, 200, layout("Billing portal", body));
  }

  private async invoice(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    method: string,
  ): Promise<void> {
    const ns = this.namespaceOf(id, "invoice");
    if (ns === null) return notFound(res);
    const invoice = this.state.get(ns, "invoice", id);
    let error = "";
    if (method === "POST") {
      const form = await readForm(req);
      if (invoice.status === "open") {
        const at = this.state.now(ns, invoice.customer);
        this.state.request = null;
        const pm = createCard(
          this.state,
          ns,
          form.outcome === "decline" ? "pm_card_chargeCustomerFail" : "pm_card_visa",
          invoice.customer,
          at,
        );
        if (this.billing.payInvoice(ns, invoice, at, pm)) {
          this.billing.invoiceSettled(ns, invoice, at);
          return redirect(res, `/invoice/${invoice.id}`);
        }
        error = "Your card was declined.";
      }
    }
    const rows = invoice.lines
      .map(
        (line) =>
          `<tr><td>${esc(line.description ?? "")}</td><td class="amount">${esc(money(line.amount, line.currency))}</td></tr>`,
      )
      .join("");
    const body = `<h1>Invoice ${esc(invoice.number ?? invoice.id)}</h1>
<p>Status: <strong>${esc(invoice.status)}</strong> · ${day(invoice.created)}</p>
<table>${rows}<tr><td><strong>Amount due</strong></td><td class="amount"><strong>${esc(money(invoice.amount_due, invoice.currency))}</strong></td></tr></table>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
${invoice.status === "open" ? `<form method="post"><button class="primary" type="submit" name="outcome" value="pay">Pay ${esc(money(invoice.amount_remaining, invoice.currency))}</button><button type="submit" name="outcome" value="decline">Decline card</button></form>` : ""}`;
    send(res, error ? 402 : 200, layout(`Invoice ${invoice.number ?? invoice.id}`, body));
  }

  /** Dev controls: the stand-in's time, and every subscription without a test clock. */
  private dashboard(res: ServerResponse): void {
    const now = this.state.realNow();
    const rows: string[] = [];
    for (const entry of this.state.objects.values()) {
      const sub = entry.value;
      if (sub.object !== "subscription" || sub.test_clock !== null) continue;
      const ns = entry.namespace;
      const customer = this.state.tryGet(ns, "customer", sub.customer);
      const end =
        sub.trial_end && sub.status === "trialing"
          ? sub.trial_end
          : sub.items[0]?.current_period_end;
      const advance =
        end !== undefined && end > now
          ? `<form method="post" action="/_stand-in/advance"><input type="hidden" name="seconds" value="${end - now + 60}"><button type="submit">Advance to ${day(end)}</button></form>`
          : "";
      rows.push(
        `<tr><td>${esc(customer?.email ?? sub.customer)}${ns === this.state.platformAccount ? "" : ` (${esc(ns)})`}</td><td>${esc(sub.status)}</td><td>${advance}</td></tr>`,
      );
    }
    const body = `<h1>Stand-in time</h1>
<p>Now: ${esc(new Date(now * 1000).toISOString())} (${Math.round(this.state.timeOffset / 86_400)} days ahead of this machine)</p>
<form method="post" action="/_stand-in/advance"><button type="submit" name="days" value="1">+1 day</button><button type="submit" name="days" value="7">+7 days</button><button type="submit" name="days" value="31">+31 days</button></form>
<h2>Subscriptions</h2>
${rows.length ? `<table>${rows.join("")}</table>` : "<p>None yet.</p>"}
<p>Customers made with a test clock follow their clock instead (stripe.testHelpers.testClocks).</p>`;
    send(res, 200, layout("Stripe stand-in", body));
  }

  private async onboarding(
    req: IncomingMessage,
    res: ServerResponse,
    token: string,
    method: string,
  ): Promise<void> {
    const link = this.state.accountLinks.get(token);
    if (!link) return notFound(res);
    // An expired or used link sends the user to refresh_url, where the platform makes a new one.
    if (link.expiresAt < this.state.realNow()) return redirect(res, link.refreshUrl);
    const account = this.state.tryGet(this.state.platformAccount, "account", link.account);
    if (!account) return notFound(res);
    if (method === "POST") {
      await readForm(req);
      this.state.request = null;
      this.state.accountLinks.delete(token);
      completeOnboarding(this.state, account);
      return redirect(res, link.returnUrl);
    }
    const body = `<h1>Set up payments</h1>
<p>Account ${esc(account.id)} (${esc(account.type)}) is onboarding with the stand-in. Completing enables charges and payouts.</p>
<form method="post"><button class="primary" type="submit">Complete onboarding</button></form>
<p><a href="${esc(link.refreshUrl)}">Not now</a></p>`;
    send(res, 200, layout("Connect onboarding", body));
  }
}
