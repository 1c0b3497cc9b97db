import type { APIRequestContext, Page } from "playwright-core";

// Setting the scene through the API (a space, a post, an invitation) instead of clicking through
// screens another test already covers. The call goes out with the page's (or context's) cookies,
// as the signed-in person; `org` is the organization slug the app sends in x-guild-org.

/** Calls a tRPC procedure as whoever `as` is signed in as; a failed call throws with its body. */
export async function trpc(
  as: Page | APIRequestContext,
  path: string,
  input: unknown,
  org?: string,
): Promise<unknown> {
  const request = "request" in as ? as.request : as;
  const response = await request.post(`/api/trpc/${path}`, {
    headers: { "content-type": "application/json", ...(org ? { "x-guild-org": org } : {}) },
    data: { json: input },
  });
  if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
  const body: unknown = await response.json();
  return body;
}

/** Reads a tRPC query (a GET, as the app's link sends it) as whoever `as` is signed in as. */
export async function trpcQuery(
  as: Page | APIRequestContext,
  path: string,
  input: unknown,
  org?: string,
): Promise<unknown> {
  const request = "request" in as ? as.request : as;
  const query = new URLSearchParams({ input: JSON.stringify({ json: input }) });
  const response = await request.get(`/api/trpc/${path}?${query}`, {
    headers: org ? { "x-guild-org": org } : {},
  });
  if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
  const body: unknown = await response.json();
  return body;
}

/** The first uuid `id` in an answer (the created row's). */
export function idOf(answer: unknown): string {
  const id = JSON.stringify(answer).match(/"id":"([0-9a-f-]{36})"/)?.[1];
  if (!id) throw new Error(`no id in ${JSON.stringify(answer)}`);
  return id;
}
