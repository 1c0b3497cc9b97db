import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type ApiDeps, createContext, type RequestMeta } from "./context.ts";
import { RateLimitedError } from "./errors.ts";
import { type AppRouter, appRouter } from "./root.ts";
import { createCallerFactory } from "./trpc.ts";

export {
  type AiCall,
  type AiDeps,
  type AiSettings,
  aiCall,
  createAiModel,
  mapAiError,
  STAND_IN_LABEL,
} from "./ai/index.ts";
export { type ApiDeps, type Context, createContext, type RequestMeta } from "./context.ts";
export { createDeps, type Deps, type DepsConfig, type DepsLog } from "./deps.ts";
export { AppError, type AppErrorCode, type AppErrorReason } from "./errors.ts";
export { certificatePdf, renderCertificatePdf } from "./exports/certificate-pdf.ts";
export { calendarFeedFile, eventIcsFile } from "./exports/event-calendar.ts";
export { eventGuestsCsv } from "./exports/event-guests.ts";
export { leadImportErrorsCsv } from "./exports/lead-import-errors.ts";
export { leadsCsv } from "./exports/leads.ts";
export { type FirstLoadPage, firstLoad, firstLoadJson } from "./first-load.ts";
export {
  FIRST_LOAD_ELEMENT_ID,
  type FirstLoad,
  type FirstLoadAnswer,
} from "./first-load-shape.ts";
export { type JobRunner, runDueJobs, startJobRunner } from "./jobs/runner.ts";
export { advanceJobClock, enqueueSystemJob } from "./jobs/system.ts";
export { ORG_HEADER } from "./org-header.ts";
export { PUBLIC_FILE_CACHE_CONTROL, servePublicFile } from "./public-files.ts";
export { createEventBus, type EventBus } from "./realtime/bus.ts";
export type { EventKind } from "./realtime/index.ts";
export type { StreamEvent } from "./realtime/stream.ts";
export { type AccountRouter, type AppRouter, appRouter, type OrganizationRouter } from "./root.ts";
export { connectDemoTiersToStandIn } from "./services/demo-tiers-stand-in.ts";
export { publicFilePath, UPLOAD_URL_TTL_SECONDS } from "./services/file.ts";
export { pushCatalogToStripe, syncStripeCatalog } from "./services/plan-catalog-sync.ts";
export {
  createStripe,
  type StripeDeps,
  type StripeSettings,
} from "./services/stripe-client.ts";
export { INTERNAL_ERROR_MESSAGE } from "./trpc.ts";
export { receiveStripeWebhook, STRIPE_WEBHOOK_PATH } from "./webhooks/stripe.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/**
 * Server-side caller: `createCaller(deps, { headers }).lead.list({})`. A subscription called
 * through it resolves to an async iterable of its events: pass a `signal` to end it.
 */
const callerFactory = createCallerFactory(appRouter);
export async function createCaller(
  deps: ApiDeps,
  request: RequestMeta,
  options: { signal?: AbortSignal } = {},
) {
  return callerFactory(await createContext(deps, request), options);
}

export interface FetchHandlerOptions {
  /** Where the router is mounted, e.g. "/api/trpc". */
  endpoint: string;
  /** Most calls accepted in one batched request. */
  maxBatchSize?: number;
  /** Unexpected (500) errors and failing services (503), with the request they failed, so the host can log its request id. */
  onError?: (info: { path: string | undefined; error: Error; req: Request }) => void;
  /** The client's address for a request (the host knows its socket and proxies). */
  clientAddress?: (req: Request) => string | null;
}

/** A Fetch API handler for any host: Hono, node:http (via a fetch adapter), Bun, Deno, workers. */
export function createFetchHandler(deps: ApiDeps, options: FetchHandlerOptions) {
  return (req: Request) =>
    fetchRequestHandler({
      endpoint: options.endpoint,
      req,
      router: appRouter,
      createContext: ({ req: request, resHeaders, info }) =>
        createContext(deps, {
          headers: request.headers,
          responseHeaders: resHeaders,
          clientAddress: options.clientAddress?.(request) ?? null,
          connectionParams: info.type === "subscription" ? info.connectionParams : null,
        }),
      maxBatchSize: options.maxBatchSize ?? 25,
      onError: ({ path, error, req: failed }) => {
        // What the operator must hear of: failures, and a service we depend on failing or too
        // slow (SMTP down, a statement cut by its timeout).
        if (error.code === "INTERNAL_SERVER_ERROR" || error.code === "SERVICE_UNAVAILABLE")
          options.onError?.({ path, error, req: failed });
      },
      // A rate-limited call says when to come back, as HTTP clients and proxies expect.
      responseMeta: ({ errors }) => {
        const wait = Math.max(
          0,
          ...errors.map((e) =>
            e.cause instanceof RateLimitedError ? e.cause.retryAfterSeconds : 0,
          ),
        );
        return wait ? { headers: new Headers({ "retry-after": String(wait) }) } : {};
      },
    });
}
