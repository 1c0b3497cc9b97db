// The v1 API's plumbing shared by the domain files: a small router, and the per-request context
// (the account namespace from Stripe-Account, the parsed params, rendering and lists).
import type { Billing } from "./billing.ts";
import { invalidRequest, StripeApiError } from "./errors.ts";
import type { Params } from "./form.ts";
import type { State } from "./state.ts";
import type { StripeObject } from "./types.ts";

export interface RequestCtx {
  /** The account the request acts as: the platform's id or a connected account's. */
  ns: string;
  params: Params;
  path: Record<string, string>;
  render(value: StripeObject): unknown;
  list(items: readonly StripeObject[], url: string): unknown;
}

export type Handler = (ctx: RequestCtx) => unknown;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export interface ApiDeps {
  state: State;
  billing: Billing;
  route(method: "GET" | "POST" | "DELETE", path: string, handler: Handler): void;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: Handler): void {
    const keys: string[] = [];
    const source = path.replace(/:([a-z_]+)/g, (_, key: string) => {
      keys.push(key);
      return "([^/]+)";
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
  }

  match(method: string, path: string): { handler: Handler; path: Record<string, string> } | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { handler: route.handler, path: params };
    }
    if (pathMatched) {
      throw new StripeApiError(
        405,
        "invalid_request_error",
        `Unrecognized request URL (${method}: ${path}).`,
      );
    }
    return null;
  }
}

/** Stripe's cursor pagination over a newest-first array. */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  params: Params,
): { data: T[]; hasMore: boolean } {
  const limit = params.int("limit") ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest("Invalid limit: must be between 1 and 100", { param: "limit" });
  }
  const startingAfter = params.string("starting_after");
  const endingBefore = params.string("ending_before");
  if (startingAfter) {
    const index = items.findIndex((item) => item.id === startingAfter);
    if (index === -1) {
      throw invalidRequest(`No such object: '${startingAfter}'`, {
        param: "starting_after",
        code: "resource_missing",
      });
    }
    const rest = items.slice(index + 1);
    return { data: rest.slice(0, limit), hasMore: rest.length > limit };
  }
  if (endingBefore) {
    const index = items.findIndex((item) => item.id === endingBefore);
    if (index === -1) {
      throw invalidRequest(`No such object: '${endingBefore}'`, {
        param: "ending_before",
        code: "resource_missing",
      });
    }
    const before = items.slice(0, index);
    return {
      data: before.slice(Math.max(0, before.length - limit)),
      hasMore: before.length > limit,
    };
  }
  return { data: items.slice(0, limit), hasMore: items.length > limit };
}

export function deleted(id: string, object: string): { id: string; object: string; deleted: true } {
  return { id, object, deleted: true };
}
