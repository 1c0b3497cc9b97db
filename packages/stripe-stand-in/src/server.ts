// The stand-in's HTTP server: Stripe's v1 API (auth, Stripe-Account, form bodies, expand,
// Idempotency-Key, errors) plus the hosted pages and a small /_stand-in inspection API.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type ApiDeps, paginate, type RequestCtx, Router } from "./api.ts";
import { registerCatalog } from "./api-catalog.ts";
import { expireDueSessions, registerCheckout } from "./api-checkout.ts";
import { registerConnect } from "./api-connect.ts";
import { registerCustomers } from "./api-customers.ts";
import { registerEvents } from "./api-events.ts";
import { registerPayments } from "./api-payments.ts";
import { registerSubscriptions } from "./api-subscriptions.ts";
import { registerTestClocks } from "./api-test-clocks.ts";
import { Billing } from "./billing.ts";
import { StripeApiError } from "./errors.ts";
import { Params, parseForm } from "./form.ts";
import { newId, newSecret } from "./ids.ts";
import { Pages } from "./pages.ts";
import { loadState, SnapshotWriter } from "./snapshot.ts";
import { API_VERSION, State } from "./state.ts";
import type { StripeEvent } from "./types.ts";
import { type Delivery, WebhookDeliverer, type WebhookTarget } from "./webhooks.ts";

export interface WebhookEndpointOption {
  url: string;
  secret: string;
  /** true: Connect events only; false: the platform's own only; default "both". */
  connect?: boolean | "both";
  enabledEvents?: string[];
}

export interface StripeStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Where events are POSTed (the app's /api/webhooks/stripe); gets platform and Connect events. */
  webhookUrl?: string;
  /** The whsec_… secret webhookUrl's deliveries are signed with; generated when left out. */
  webhookSecret?: string;
  /** More endpoints, each with its own secret. */
  webhooks?: WebhookEndpointOption[];
  /** Accept only this secret key; by default any sk_test_… or rk_test_… key is accepted. */
  apiKey?: string;
  /** Delays between webhook attempts after a failure (Stripe retries for days; tests use ms). */
  retryDelaysMs?: number[];
  /** Days after a failed renewal at which the invoice is retried; default [3, 5, 7]. */
  retryDays?: number[];
  /** Where a subscription ends up when its retries are used up; default unpaid. */
  afterFinalFailure?: "unpaid" | "canceled";
  /** How often subscriptions without a test clock are checked against real time; 0 disables. */
  tickMs?: number;
  /** The origin hosted page URLs use, when the stand-in is reached through another address. */
  publicUrl?: string;
  /** A JSON file that keeps the state across restarts (for dev); in memory only without it. */
  stateFile?: string;
  /**
   * Not Stripe's: every customer made without `test_clock` (by the app under test, or by a hosted
   * checkout) is put on a new test clock of its own, frozen at the stand-in's present. An app
   * makes its customers itself, and Stripe cannot move a customer onto a clock afterwards; with
   * this, browser tests sharing one server each advance their own customer's clock
   * (`customer.test_clock`) with `stripe.testHelpers.testClocks.advance`, and nobody else's.
   */
  clockPerCustomer?: boolean;
}

export interface StripeStandIn {
  /** http://host:port, the API's and the hosted pages' origin. */
  url: string;
  port: number;
  webhookSecret: string;
  platformAccount: string;
  /** Options for `new Stripe(key, { ...standIn.stripeConfig })`. */
  stripeConfig: { host: string; port: number; protocol: "http" };
  /** Every event so far, oldest first (optionally of one type or one connected account). */
  events(filter?: { type?: string; account?: string | null }): StripeEvent[];
  /** Every webhook delivery with its attempts. */
  deliveries(): Delivery[];
  /** Resolves when no delivery is pending (delivered, or out of retries). */
  waitForWebhooks(): Promise<void>;
  /**
   * Loses, for good, every later event that `match` accepts (to test reconciliation); the events
   * still exist in the API. Returns a function that stops dropping.
   */
  dropWebhooks(match: (event: StripeEvent) => boolean): () => void;
  /** Sends an existing event again to the endpoints that want it (the dashboard's "Resend"). */
  resendEvent(eventId: string): void;
  /**
   * Moves the stand-in's own time forward (not test clocks') and runs what falls due: renewals,
   * retries, trial ends, cancellations, expiries of subscriptions without a test clock. Also
   * `POST /_stand-in/advance` (seconds= or days=) and the /_stand-in/dashboard page.
   */
  advanceTime(seconds: number): void;
  stop(): Promise<void>;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

interface CachedResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

export async function startStripeStandIn(
  options: StripeStandInOptions = {},
): Promise<StripeStandIn> {
  const state = options.stateFile ? loadState(options.stateFile) : new State();
  const snapshot = options.stateFile ? new SnapshotWriter(options.stateFile, state) : null;
  if (snapshot) state.onChange = () => snapshot.schedule();
  state.clockPerCustomer = options.clockPerCustomer ?? false;
  const billing = new Billing(state, {
    retryDays: options.retryDays ?? [3, 5, 7],
    afterFinalFailure: options.afterFinalFailure ?? "unpaid",
  });
  const webhookSecret = options.webhookSecret ?? newSecret("whsec");
  const configured: WebhookTarget[] = [];
  if (options.webhookUrl) {
    configured.push({
      url: options.webhookUrl,
      secret: webhookSecret,
      connect: "both",
      enabledEvents: ["*"],
    });
  }
  for (const w of options.webhooks ?? []) {
    configured.push({
      url: w.url,
      secret: w.secret,
      connect: w.connect ?? "both",
      enabledEvents: w.enabledEvents ?? ["*"],
    });
  }
  const targets = (): WebhookTarget[] => [
    ...configured,
    ...state
      .all(state.platformAccount, "webhook_endpoint")
      .filter((e) => e.status === "enabled")
      .map((e) => ({
        url: e.url,
        secret: e._secret,
        connect: e._connect,
        enabledEvents: e.enabled_events,
      })),
  ];
  const deliverer = new WebhookDeliverer(
    targets,
    options.retryDelaysMs ?? [1_000, 5_000, 30_000, 120_000, 600_000],
  );
  state.onEvent = (stored) => deliverer.enqueue(stored);

  const router = new Router();
  const deps: ApiDeps = {
    state,
    billing,
    route: (method, path, handler) => router.add(method, path, handler),
  };
  registerCustomers(deps);
  registerCatalog(deps);
  registerCheckout(deps);
  registerSubscriptions(deps);
  registerPayments(deps);
  registerConnect(deps);
  registerTestClocks(deps);
  registerEvents(deps);
  const pages = new Pages(state, billing);
  const idempotency = new Map<string, CachedResponse>();

  function authenticate(req: IncomingMessage): void {
    const header = req.headers.authorization ?? "";
    let key = "";
    if (header.startsWith("Bearer ")) key = header.slice(7).trim();
    else if (header.startsWith("Basic "))
      key = Buffer.from(header.slice(6), "base64").toString().split(":")[0] ?? "";
    if (!key) {
      throw new StripeApiError(
        401,
        "invalid_request_error",
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    }
    const valid = options.apiKey ? key === options.apiKey : /^(sk|rk)_test_/.test(key);
    if (!valid) {
      throw new StripeApiError(
        401,
        "invalid_request_error",
        `Invalid API Key provided: ${key.slice(0, 8)}****`,
        {
          code: "api_key_invalid",
        },
      );
    }
  }

  function namespaceOf(req: IncomingMessage): string {
    const header = req.headers["stripe-account"];
    const account = Array.isArray(header) ? header[0] : header;
    if (!account || account === state.platformAccount) return state.platformAccount;
    if (!state.tryGet(state.platformAccount, "account", account)) {
      throw new StripeApiError(
        403,
        "invalid_request_error",
        `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        { code: "account_invalid" },
      );
    }
    return account;
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const requestId = newId("req", 14);
    const headers: Record<string, string> = {
      "request-id": requestId,
      "stripe-version": API_VERSION,
    };
    let cacheKey: string | null = null;
    let fingerprint = "";
    let status = 200;
    let body: unknown;
    try {
      authenticate(req);
      const ns = namespaceOf(req);
      const raw = method === "POST" ? await readBody(req) : url.search.slice(1);
      const keyHeader = req.headers["idempotency-key"];
      const idempotencyKey = (Array.isArray(keyHeader) ? keyHeader[0] : keyHeader) ?? null;
      if (idempotencyKey && method === "POST") {
        cacheKey = `${ns}\n${idempotencyKey}`;
        fingerprint = `${method} ${url.pathname}\n${raw}`;
        const cached = idempotency.get(cacheKey);
        if (cached) {
          if (cached.fingerprint !== fingerprint) {
            cacheKey = null;
            throw new StripeApiError(
              400,
              "idempotency_error",
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            );
          }
          json(res, cached.status, cached.body, {
            ...headers,
            "idempotency-key": idempotencyKey,
            "idempotent-replayed": "true",
          });
          return;
        }
        headers["idempotency-key"] = idempotencyKey;
      }
      const matched = router.match(method, url.pathname);
      if (!matched) {
        throw new StripeApiError(
          404,
          "invalid_request_error",
          `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        );
      }
      const params = new Params(parseForm(raw));
      const render = (value: Parameters<RequestCtx["render"]>[0]) => state.render(ns, value);
      const ctx: RequestCtx = {
        ns,
        params,
        path: matched.path,
        render,
        list: (items, listUrl) => {
          const page = paginate(items, params);
          return {
            object: "list",
            data: page.data.map(render),
            has_more: page.hasMore,
            url: listUrl,
          };
        },
      };
      state.request = { id: requestId, idempotencyKey };
      const result = matched.handler(ctx);
      const expand = params.strings("expand").filter((path) => path !== "line_items");
      body = state.expand(ns, result, expand);
    } catch (error) {
      if (error instanceof StripeApiError) {
        status = error.status;
        body = error.toJSON();
      } else {
        status = 500;
        cacheKey = null;
        body = {
          error: {
            type: "api_error",
            message: `The stand-in failed: ${error instanceof Error ? error.message : String(error)}`,
          },
        };
        console.error("stripe stand-in:", error);
      }
    } finally {
      state.request = null;
    }
    if (cacheKey) idempotency.set(cacheKey, { fingerprint, status, body });
    json(res, status, body, headers);
  }

  function inspection(res: ServerResponse, url: URL): boolean {
    if (url.pathname === "/_stand-in/events") {
      const type = url.searchParams.get("type");
      json(res, 200, {
        object: "list",
        data: state.events.map((e) => e.event).filter((e) => !type || e.type === type),
      });
      return true;
    }
    if (url.pathname === "/_stand-in/deliveries") {
      json(res, 200, { object: "list", data: deliverer.deliveries });
      return true;
    }
    if (url.pathname === "/" || url.pathname === "/_stand-in") {
      json(res, 200, {
        name: "Guild's local Stripe stand-in",
        api_version: API_VERSION,
        platform_account: state.platformAccount,
        objects: state.objects.size,
        events: state.events.length,
      });
      return true;
    }
    return false;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const run = async () => {
      if (url.pathname.startsWith("/v1/")) return api(req, res, url);
      if (await pages.handle(req, res, url.pathname)) return;
      if (req.method === "GET" && inspection(res, url)) return;
      json(res, 404, {
        error: { type: "invalid_request_error", message: `Not found: ${url.pathname}` },
      });
    };
    run().catch((error: unknown) => {
      state.request = null;
      console.error("stripe stand-in:", error);
      if (!res.headersSent)
        json(res, 500, { error: { type: "api_error", message: "stand-in error" } });
      else res.end();
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("stand-in: no TCP port");
  const { port } = address;
  const url = `http://${host}:${port}`;
  state.baseUrl = options.publicUrl ?? url;

  // Subscriptions without a test clock renew (and retry, and end) on real time.
  const runDue = () => {
    const namespaces = new Set<string>();
    for (const entry of state.objects.values()) {
      const kind = entry.value.object;
      if (kind === "subscription" || kind === "checkout.session") namespaces.add(entry.namespace);
    }
    for (const ns of namespaces) {
      try {
        billing.runDue(
          ns,
          () => state.all(ns, "subscription").filter((sub) => sub.test_clock === null),
          state.realNow(),
          (at) => {
            state.steppedAt = at;
          },
        );
      } finally {
        state.steppedAt = null;
      }
      expireDueSessions(state, ns, null);
    }
  };
  const advanceTime = (seconds: number) => {
    if (!Number.isFinite(seconds) || seconds <= 0) throw new Error("advanceTime: seconds > 0");
    state.timeOffset += Math.round(seconds);
    state.onChange();
    runDue();
  };
  pages.advanceTime = advanceTime;
  const tickMs = options.tickMs ?? 1_000;
  const ticker = tickMs > 0 ? setInterval(runDue, tickMs) : null;
  ticker?.unref();

  return {
    url,
    port,
    webhookSecret,
    platformAccount: state.platformAccount,
    stripeConfig: { host, port, protocol: "http" },
    events: (filter = {}) =>
      state.events
        .map((e) => e.event)
        .filter(
          (e) =>
            (filter.type === undefined || e.type === filter.type) &&
            (filter.account === undefined || (e.account ?? null) === filter.account),
        ),
    deliveries: () => deliverer.deliveries,
    waitForWebhooks: () => deliverer.idle(),
    dropWebhooks: (match) => deliverer.drop(match),
    advanceTime,
    resendEvent: (eventId) => {
      const stored = state.events.find((e) => e.event.id === eventId);
      if (!stored) throw new Error(`No such event: ${eventId}`);
      deliverer.enqueue(stored);
    },
    stop: async () => {
      if (ticker) clearInterval(ticker);
      deliverer.stop();
      snapshot?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
