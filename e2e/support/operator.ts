// What the platform's operator does for a test: make someone a platform admin (the command an
// operator types), and comp a plan for an organization through the admin console's own API, as
// Organizations → "Comp a plan" does (admin.test.ts drives that screen itself).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { APIRequestContext, Browser } from "playwright-core";
import { inject } from "vitest";
import { z } from "zod";
import { baseURL, linkFromMailbox, uniqueEmail } from "./browser.ts";

/** What an operator types: `pnpm db:setup-admin <email>`, against the server's database. */
export function setupAdmin(email: string) {
  execFileSync(process.execPath, ["src/cli.ts", "setup-admin", email], {
    cwd: fileURLToPath(new URL("../../packages/db/", import.meta.url)),
    env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
    stdio: "pipe",
  });
}

/** A tRPC answer's data (`{ result: { data: { json } } }`), checked against its shape. */
async function answer<T>(
  response: Awaited<ReturnType<APIRequestContext["get"]>>,
  data: z.ZodType<T>,
) {
  if (!response.ok())
    throw new Error(`${response.url()}: ${response.status()} ${await response.text()}`);
  return z
    .object({ result: z.object({ data: z.object({ json: data }) }) })
    .parse(await response.json()).result.data.json;
}

/**
 * Comps the catalog plan `planKey` for the organization `slug` (e.g. Pro for a test whose
 * organization has more staff than Free's 3 seats), as a new platform admin of its own.
 */
export async function compPlan(browser: Browser, slug: string, planKey: string, seats = 10) {
  const email = uniqueEmail("operator");
  const context = await browser.newContext({ baseURL });
  try {
    const { request } = context;
    const signedUp = await request.post("/api/auth/sign-up/email", {
      data: { name: "Operator", email, password: "e2e-operator-1234" },
    });
    if (!signedUp.ok()) throw new Error(`operator sign-up: ${signedUp.status()}`);
    await request.get(await linkFromMailbox(email, /verify/i));
    setupAdmin(email);
    const query = (path: string, input: unknown) =>
      request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
    const organizations = await answer(
      await query("admin.organizations.list", { query: slug, limit: 10 }),
      z.object({ items: z.array(z.object({ id: z.string(), slug: z.string() })) }),
    );
    const plans = await answer(
      await request.get("/api/trpc/admin.plans.list"),
      z.array(z.object({ id: z.string(), key: z.string() })),
    );
    const organization = organizations.items.find((o) => o.slug === slug);
    const plan = plans.find((p) => p.key === planKey);
    if (!organization || !plan) throw new Error(`no organization ${slug} or plan ${planKey}`);
    await answer(
      await request.post("/api/trpc/admin.organizations.compPlan", {
        headers: { "content-type": "application/json" },
        data: {
          json: { organizationId: organization.id, planId: plan.id, seats, reason: "e2e test" },
        },
      }),
      z.unknown(),
    );
  } finally {
    await context.close();
  }
}
