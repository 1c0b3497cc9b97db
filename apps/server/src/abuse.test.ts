// What an outside probe of the production build did, replayed over HTTP against a real server:
// guessing one account's password from many addresses, deeply nested JSON, mail bombing one
// address through the reset and sign-up forms, and growing the rate-limit table with random paths.
import { addressRateLimit, eq, rateLimit, sql } from "@guild/db";
import { DEMO_PASSWORD } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { jsonDepthScanner } from "./app.ts";
import {
  Browser,
  createServerFixture,
  mailsTo,
  signIn,
  signUpAndVerify,
  TEST_PASSWORD,
  uniqueEmail,
  uniqueIp,
} from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
// Behind a (simulated) proxy, so a test can come from as many addresses as an attacker would.
beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"), { TRUST_PROXY: true });
});
afterAll(() => fx.close());

const from = (ip = uniqueIp()) => new Browser(fx.server.url, { ip });

describe("sign-in throttled per account", () => {
  it("refuses an account's sign-ins after 10 failures in 15 minutes, from any address, the right password too", async () => {
    const email = uniqueEmail("guessed");
    await signUpAndVerify(from(), email);
    // Two wrong passwords from each of five addresses: each stays under its per-address budget.
    for (let address = 0; address < 5; address++) {
      const attacker = from();
      for (let i = 0; i < 2; i++)
        expect((await signIn(attacker, email, `wrong-${address}-${i}`)).status).toBe(401);
    }
    // A sixth address, with the right password: refused, and told when to come back.
    const refused = await signIn(from(), email);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await refused.json()).toMatchObject({ message: expect.stringMatching(/try again in/i) });
    // Once the window is over, the owner signs in (the counter is the database's: move it back).
    await fx.database.db
      .update(addressRateLimit)
      .set({ windowStartedAt: sql`${addressRateLimit.windowStartedAt} - interval '15 minutes'` })
      .where(eq(addressRateLimit.key, "sign-in"));
    expect((await signIn(from(), email)).status).toBe(200);
  });

  it("throttles an unknown address exactly like a real one, and stores neither in clear", async () => {
    const known = uniqueEmail("known");
    await signUpAndVerify(from(), known);
    const unknown = uniqueEmail("nobody");
    const answers: Record<string, Array<{ status: number; body: string }>> = {};
    for (const email of [known, unknown]) {
      answers[email] = [];
      for (let i = 0; i < 11; i++) {
        // Each attempt from its own address, as a botnet would.
        const response = await signIn(from(), email, `wrong-${i}`);
        answers[email].push({ status: response.status, body: await response.text() });
      }
    }
    expect(answers[known]?.map((a) => a.status)).toEqual([...Array(10).fill(401), 429]);
    // Same statuses and the same words: the throttle does not tell which address has an account.
    expect(answers[unknown]).toEqual(answers[known]);
    const stored = JSON.stringify(await fx.database.db.select().from(addressRateLimit));
    expect(stored).not.toContain(known);
    expect(stored).not.toContain(unknown);
  });

  it("does not count sign-ins that succeed", async () => {
    const email = uniqueEmail("regular");
    await signUpAndVerify(from(), email);
    for (let i = 0; i < 12; i++) {
      const tab = from();
      expect((await signIn(tab, email, TEST_PASSWORD)).status).toBe(200);
    }
    expect((await signIn(from(), email, "one-typo")).status).toBe(401);
    expect((await signIn(from(), email)).status).toBe(200);
  });
});

describe("JSON nesting depth", () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    from().request(path, {
      body,
      headers: { "content-type": "application/json", ...headers },
    });
  const nested = (depth: number, open = "[", close = "]") =>
    `${open.repeat(depth)}${close.repeat(depth)}`;

  it("refuses bodies nested deeper than 64 levels with 400, for tRPC and better-auth alike", async () => {
    const justOver = `{"email":"a@b.test","password":"x","x":${nested(64)}}`;
    expect((await post("/api/auth/sign-in/email", justOver)).status).toBe(400);
    const deep = `{"email":"a@b.test","password":"x","x":${nested(100_000)}}`;
    const auth = await post("/api/auth/sign-in/email", deep);
    expect(auth.status).toBe(400);
    expect(await auth.json()).toEqual({ error: "The JSON is nested too deeply (over 64 levels)" });

    const trpc = await post(
      "/api/trpc/lead.create",
      `{"json":{"name":${nested(65, '{"a":', "}")}}}`,
      {
        "x-guild-org": "demo",
      },
    );
    expect(trpc.status).toBe(400);
    const batch = await post("/api/trpc/health.ping?batch=1", `{"0":${nested(500)}}`);
    expect(batch.status).toBe(400);
  });

  it("refuses a deep ?input= on queries the same way", async () => {
    const input = encodeURIComponent(`{"json":${nested(1000)}}`);
    const response = await from().request(
      `/api/trpc/me.organizations.slugAvailable?input=${input}`,
    );
    expect(response.status).toBe(400);
  });

  it("lets through what real clients send: 64 levels, and brackets inside strings", async () => {
    const atLimit = `{"email":"a@b.test","password":"wrong-password","x":${nested(63)}}`;
    expect((await post("/api/auth/sign-in/email", atLimit)).status).toBe(401);
    const quoted = JSON.stringify({
      email: "a@b.test",
      password: "wrong-password",
      note: `${"[".repeat(5000)}\\"{{{${"{".repeat(5000)}`,
    });
    expect((await post("/api/auth/sign-in/email", quoted)).status).toBe(401);
  });

  it("scans a body in the chunks it arrives in, an escape split across two included", () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const scan = jsonDepthScanner(2);
    // The first chunk ends on a backslash inside a string: the next chunk's quote is escaped,
    // so its brackets are still inside the string.
    expect(scan(encode('{"a":"x\\'))).toBe(false);
    expect(scan(encode('"[[["}'))).toBe(false);
    const split = jsonDepthScanner(2);
    expect(split(encode("[["))).toBe(false);
    expect(split(encode("["))).toBe(true);
  });
});

describe("mail per recipient", () => {
  it("sends one address at most 10 mails an hour, however many resets and sign-ups ask, and the forms answer the same", async () => {
    const victim = uniqueEmail("bombed");
    await signUpAndVerify(from(), victim);
    const answers = new Set<string>();
    // 40 resets and 5 sign-ups with the registered address, from 9 addresses (each under its limit).
    for (let address = 0; address < 9; address++) {
      const attacker = from();
      for (let i = 0; i < 5; i++) {
        const reset = await attacker.post("/api/auth/request-password-reset", {
          email: victim,
          redirectTo: "/reset-password",
        });
        answers.add(`${reset.status} ${await reset.text()}`);
      }
      if (address < 5) {
        const signUp = await attacker.post("/api/auth/sign-up/email", {
          name: "Again",
          email: victim,
          password: TEST_PASSWORD,
        });
        expect(signUp.status).toBe(200);
      }
    }
    // Every reset answered alike, the dropped ones too.
    expect([...answers]).toHaveLength(1);
    expect([...answers][0]).toMatch(/^200 /);
    // Wait for the mail jobs to finish, then count what reached the address.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const [pending] = await fx.database.sql<{ n: number }[]>`
        select count(*)::int as n from graphile_worker.jobs where task_identifier = 'mail.send'`;
      if (pending?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mails = await mailsTo(fx.server.url, victim, 0);
    // The verification mail, then 9 of the 45.
    expect(mails).toHaveLength(10);
    // Another address is unaffected.
    const bystander = uniqueEmail("bystander");
    await signUpAndVerify(from(), bystander);
    expect(await mailsTo(fx.server.url, bystander)).toHaveLength(1);
  });
});

describe("rate-limit rows", () => {
  it("are keyed by the route, not by the path asked for: random reset tokens add one row", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 4; i++) {
      const response = await from(ip).request(`/api/auth/reset-password/random-token-${i}`);
      expect(response.status).toBeLessThan(500);
    }
    const rows = await fx.database.db
      .select({ key: rateLimit.key, count: rateLimit.count })
      .from(rateLimit)
      .where(sql`${rateLimit.key} like ${`${ip}|%`}`);
    expect(rows).toEqual([{ key: `${ip}|/reset-password/:token`, count: 4 }]);
  });
});

describe("write budget per member", () => {
  /** One batched request of `count` lead.create calls as `tab`, each lead with 5 KB of notes. */
  const createLeads = (tab: Browser, count: number, label: string) => {
    const input = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        String(i),
        { json: { name: `${label} ${i}`, notes: "n".repeat(5000) } },
      ]),
    );
    const path = Array.from({ length: count }, () => "lead.create").join(",");
    return tab.request(`/api/trpc/${path}?batch=1`, {
      json: input,
      headers: { "x-guild-org": "demo" },
    });
  };
  const statusesOf = async (response: Response) =>
    z
      .array(
        z
          .object({ error: z.object({ json: z.object({ data: z.object({ code: z.string() }) }) }) })
          .or(z.object({ result: z.unknown() })),
      )
      .parse(await response.json())
      .map((answer) => ("error" in answer ? answer.error.json.data.code : "OK"));

  it("lets a member make 300 changes in 5 minutes, then refuses more with 429 and Retry-After", async () => {
    const script = from();
    expect((await signIn(script, "member@demo.guild", DEMO_PASSWORD)).status).toBe(200);
    for (let batch = 0; batch < 12; batch++) {
      const response = await createLeads(script, 25, `Scripted ${batch}`);
      expect(response.status, `batch ${batch}`).toBe(200);
    }
    const refused = await createLeads(script, 25, "One too many");
    expect(refused.status).toBe(429);
    expect(new Set(await statusesOf(refused))).toEqual(new Set(["TOO_MANY_REQUESTS"]));
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    // Nothing of the refused batch was written, and reading still works.
    const [{ n } = { n: -1 }] = await fx.database.sql<{ n: number }[]>`
      select count(*)::int as n from lead where name like 'One too many%'`;
    expect(n).toBe(0);
    const list = await script.request(
      `/api/trpc/lead.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
      { headers: { "x-guild-org": "demo" } },
    );
    expect(list.status).toBe(200);

    // Another member of the same organization has a budget of their own.
    const colleague = from();
    expect((await signIn(colleague, "admin@demo.guild", DEMO_PASSWORD)).status).toBe(200);
    expect((await createLeads(colleague, 1, "Colleague")).status).toBe(200);
  });
});
