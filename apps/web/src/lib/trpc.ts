import type { AccountRouter, AppRouter, OrganizationRouter } from "@guild/api";
import { ORG_HEADER } from "@guild/api/org-header";
import { transformer } from "@guild/api/transformer";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  retryLink,
  splitLink,
  type TRPCClient,
  TRPCClientError,
  type TRPCLink,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createTRPCContext, createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { errorCode, errorReason } from "./errors.ts";
import { firstLoadLink } from "./first-load.ts";

// Codes that will not change on retry: ask again only for network and server errors.
export const finalCodes = new Set([
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
]);

/**
 * A session that ends while the app is open (expired, revoked from another device, signed out in
 * another tab) makes the next call UNAUTHORIZED: go to sign-in, and come back here afterwards.
 */
export function onUnauthorized(error: unknown) {
  if (errorCode(error) !== "UNAUTHORIZED") return;
  const here = `${window.location.pathname}${window.location.search}`;
  if (here.startsWith("/sign-in")) return;
  window.location.assign(`/sign-in?redirect=${encodeURIComponent(here)}`);
}

/**
 * CRM access revoked while the app is open: the API refuses lead calls with reason CRM_ACCESS.
 * Reload the memberships (organization.current, in every organization's cache: its key holds
 * the path ["organization", "current"]), so the navigation drops the CRM and its screens say
 * why (CrmOnly) instead of failing one by one.
 */
function onCrmAccessRefused(error: unknown) {
  if (errorReason(error) !== "CRM_ACCESS") return;
  void queryClient.invalidateQueries({
    predicate: (query) =>
      query.queryKey.some(
        (part) => Array.isArray(part) && part.join(".") === "organization.current",
      ),
  });
}

function onError(error: unknown) {
  onUnauthorized(error);
  onCrmAccessRefused(error);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failureCount, error) => !finalCodes.has(errorCode(error) ?? "") && failureCount < 2,
    },
  },
});

/** The one stream that resumes where it left off (its events are tracked by id). */
const RESUMABLE_STREAM = "realtime.events";

/**
 * A stream that does work (a generation, an assistant's answer) ends at its first error. The
 * subscription link would reconnect by itself after a retryable error (a 503 the model caused,
 * a dropped connection), sending the same input again: a second generation, which the server
 * refuses as already made. Ended here instead, the error reaches the screen, the connection is
 * closed (so the browser does not reconnect) and the server gives the credit back.
 */
function streamErrorsAreFinalLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type !== "subscription" || op.path === RESUMABLE_STREAM) return next(op);
      return observable((observer) => {
        const upstream = next(op).subscribe({
          next(envelope) {
            const { result } = envelope;
            if ("type" in result && result.type === "state" && result.error) {
              const { error } = result;
              observer.error(
                error instanceof TRPCClientError ? error : TRPCClientError.from(error),
              );
              return;
            }
            observer.next(envelope);
          },
          error: (error) => observer.error(error),
          complete: () => observer.complete(),
        });
        return () => upstream.unsubscribe();
      });
    };
}

/**
 * The tRPC client. With an organization slug, every request it sends names that organization in
 * the `x-guild-org` header: the slug is bound to the client rather than read from a global, so
 * a request can never carry another organization's slug than the cache entry it fills (see
 * OrganizationScope), and two tabs on two organizations are independent.
 */
function createClient(organizationSlug: string | null) {
  return createTRPCClient<AppRouter>({
    links: [
      // The first calls of a signed-in page load, answered by the page's shell.
      firstLoadLink(organizationSlug),
      splitLink({
        condition: (op) => op.type === "subscription",
        // Event streams (EventSource, one HTTP connection each). EventSource reconnects by itself
        // after a dropped connection, sending its last event id; but it gives up for good on an
        // answer that is not 200 (a 502 from a proxy, Guild's 503 while a process starts), so
        // retryLink subscribes again, and the link adds the last tracked id to the input.
        true: [
          streamErrorsAreFinalLink(),
          retryLink({
            // Only the realtime stream is resumed: it picks up after its last event id. A stream
            // that does work (a generation, an assistant's answer) started again would be a new
            // generation, spending again: its screen shows the error and offers to try again.
            retry: ({ op, error }) =>
              op.path === RESUMABLE_STREAM && !finalCodes.has(errorCode(error) ?? ""),
            retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 30_000),
          }),
          httpSubscriptionLink({
            url: "/api/trpc",
            transformer,
            // EventSource cannot send the x-guild-org header: the stream names its organization
            // in the URL's connection parameters (the server accepts that for subscriptions only).
            connectionParams: organizationSlug ? { org: organizationSlug } : null,
          }),
        ],
        false: httpBatchLink({
          url: "/api/trpc",
          transformer,
          // The server refuses batches above 25 calls.
          maxItems: 25,
          headers: () => (organizationSlug ? { [ORG_HEADER]: organizationSlug } : {}),
        }),
      }),
    ],
  });
}

/**
 * The client without an organization: typed with the account procedures only (`health`, `me`),
 * so naming an organization's procedure through it does not compile.
 */
export const trpcClient: TRPCClient<AccountRouter> = createClient(null);

const organizationClients = new Map<string, TRPCClient<OrganizationRouter>>();
/** An organization's client: typed with the organization procedures only. */
export function organizationClient(slug: string) {
  let client = organizationClients.get(slug);
  if (!client) {
    client = createClient(slug);
    organizationClients.set(slug, client);
  }
  return client;
}

/** Query keys of an organization's data start with this prefix, so organizations never share entries. */
export function organizationKeyPrefix(slug: string) {
  return `org:${slug}`;
}

/**
 * An organization's procedures outside React (route loaders and heads): the same slug-bound client
 * and the same cache keys as <OrganizationScope>, so what a loader fetches is what the screen reads.
 */
export function organizationTRPC(slug: string) {
  return createTRPCOptionsProxy<OrganizationRouter, { keyPrefix: true }>({
    client: organizationClient(slug),
    queryClient,
    keyPrefix: organizationKeyPrefix(slug),
  });
}

/** Procedures that are not about one organization (me, invitations addressed to me, create). */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AccountRouter>();

/** Procedures of the organization in the URL: only inside <OrganizationScope>. */
const organizationContext = createTRPCContext<OrganizationRouter, { keyPrefix: true }>();
export const OrganizationTRPCProvider = organizationContext.TRPCProvider;
export const useOrgTRPC = organizationContext.useTRPC;
export const useOrgTRPCClient = organizationContext.useTRPCClient;

/** For route guards (beforeLoad), outside React. */
export const trpc = createTRPCOptionsProxy<AccountRouter>({ client: trpcClient, queryClient });
