// For the stand-in's tests: a webhook receiver over real HTTP that verifies each delivery with the
// SDK's constructEvent (as the app will), and a stand-in with an SDK client pointed at it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { type StripeStandIn, type StripeStandInOptions, startStripeStandIn } from "./server.ts";

export interface Receiver {
  url: string;
  /** Verified events in arrival order. */
  events: Stripe.Event[];
  /** Answers with this status for the next N deliveries (to test retries). */
  failNext(count: number, status?: number): void;
  rejected: number;
  stop(): Promise<void>;
}

export async function startReceiver(secret: () => string): Promise<Receiver> {
  const events: Stripe.Event[] = [];
  let failures = 0;
  let failStatus = 500;
  const receiver: Receiver = {
    url: "",
    events,
    rejected: 0,
    failNext(count, status = 500) {
      failures = count;
      failStatus = status;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    if (failures > 0) {
      failures--;
      res.writeHead(failStatus).end();
      return;
    }
    try {
      const event = Stripe.webhooks.constructEvent(
        body,
        String(req.headers["stripe-signature"]),
        secret(),
      );
      events.push(event);
      res.writeHead(200).end("{}");
    } catch {
      receiver.rejected++;
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  receiver.url = `http://127.0.0.1:${(address satisfies AddressInfo).port}/api/webhooks/stripe`;
  return receiver;
}

export interface Harness {
  standIn: StripeStandIn;
  stripe: Stripe;
  receiver: Receiver;
  stop(): Promise<void>;
}

export async function startHarness(options: StripeStandInOptions = {}): Promise<Harness> {
  let secret = "";
  const receiver = await startReceiver(() => secret);
  const standIn = await startStripeStandIn({
    webhookUrl: receiver.url,
    retryDelaysMs: [20, 40, 80],
    tickMs: 0,
    ...options,
  });
  secret = standIn.webhookSecret;
  const stripe = new Stripe("sk_test_stand_in", {
    ...standIn.stripeConfig,
    maxNetworkRetries: 0,
    telemetry: false,
  });
  return {
    standIn,
    stripe,
    receiver,
    stop: async () => {
      await standIn.stop();
      await receiver.stop();
    },
  };
}

/** Submits a hosted page's form as a browser would, without following the redirect. */
export async function submitForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}
