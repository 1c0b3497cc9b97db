import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type ApiDeps, createContext } from "./context.ts";
import { RateLimitedError } from "./errors.ts";
import { type AppRouter, appRouter } from "./root.ts";
import { createCallerFactory } from "./trpc.ts";

export { type ApiDeps, type Context, createContext, ORG_HEADER } from "./context.ts";
export { AppError } from "./errors.ts";
export { type AppRouter, appRouter } from "./root.ts";
export { INTERNAL_ERROR_MESSAGE } from "./trpc.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Server-side caller: `createCaller(deps, headers).lead.list({})`. */
const callerFactory = createCallerFactory(appRouter);
export async function createCaller(deps: ApiDeps, headers: Headers) {
  return callerFactory(await createContext(deps, { headers }));
}

export interface FetchHandlerOptions {
  /** Where the router is mounted, e.g. "/api/trpc". */
  endpoint: string;
  /** Most calls accepted in one batched request. */
  maxBatchSize?: number;
  /** Unexpected (500) errors, with the request they failed, so the host can log its request id. */
  onError?: (info: { path: string | undefined; error: Error; req: Request }) => void;
}

/** A Fetch API handler for any host: Hono, node:http (via a fetch adapter), Bun, Deno, workers. */
export function createFetchHandler(deps: ApiDeps, options: FetchHandlerOptions) {
  return (req: Request) =>
    fetchRequestHandler({
      endpoint: options.endpoint,
      req,
      router: appRouter,
      createContext: ({ req: request }) => createContext(deps, { headers: request.headers }),
      maxBatchSize: options.maxBatchSize ?? 25,
      onError: ({ path, error, req: failed }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") options.onError?.({ path, error, req: failed });
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
