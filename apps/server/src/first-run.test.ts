// What `pnpm dev` does with no environment at all, across a restart: embedded PostgreSQL and the
// embedded S3 server keep their data in GUILD_DATA_DIR, the demo organization is seeded the first
// time only, the generated auth secret is kept (so sessions survive), and the banner says where
// to go and how to sign in.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postmasterPid } from "@guild/db/embedded";
import { DEMO_LEAD_COUNT, DEMO_PASSWORD, demoUsers } from "@guild/db/seed";
import { afterAll, expect, it } from "vitest";
import { z } from "zod";
import type { ServerEnv } from "./env.ts";
import { startServer } from "./server.ts";
import { Browser, readJson, signIn } from "./testing.ts";

const dataDirs: string[] = [];
afterAll(async () => {
  for (const dataDir of dataDirs) {
    // A failed run may leave its PostgreSQL behind: don't let it outlive the tests.
    const pid = await postmasterPid(join(dataDir, "postgres"));
    if (pid !== null) process.kill(pid, "SIGINT");
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** A fresh GUILD_DATA_DIR, removed after the tests. */
async function freshDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), "guild-first-run-"));
  dataDirs.push(dataDir);
  // As root, initdb runs as the postgres user, which must be able to enter the folder.
  await chmod(dataDir, 0o755);
  return dataDir;
}

/** The defaults a fresh clone gets: no DATABASE_URL, no AUTH_SECRET, no SMTP_URL. */
const defaults = (dataDir: string): ServerEnv => ({
  NODE_ENV: "development",
  PORT: 3000,
  HOST: "127.0.0.1",
  GUILD_DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: 0,
  WORKER_RESTART_DELAY_MS: 1000,
  MAIL_FROM: "Guild <test@guild.local>",
  TRUST_PROXY: false,
  LOG_LEVEL: "silent",
  GUILD_DISABLE_RATE_LIMIT: false,
  GUILD_TEST_CLOCK: false,
  S3_BUCKET: "guild",
  S3_REGION: "us-east-1",
  S3_FORCE_PATH_STYLE: true,
  EMBEDDED_S3_PORT: 0,
  DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
  STRIPE_STAND_IN_PORT: 0,
  STRIPE_STAND_IN_CLOCKS: "shared",
  LLM_TIMEOUT_MS: 30_000,
  LLM_STAND_IN_PORT: 0,
  LLM_STAND_IN_TOKEN_DELAY_MS: 1,
});

const created = z.object({
  result: z.object({ data: z.object({ json: z.object({ id: z.string(), name: z.string() }) }) }),
});
const startedUpload = z.object({
  result: z.object({
    data: z.object({
      json: z.object({ file: z.object({ id: z.string() }), upload: z.object({ url: z.string() }) }),
    }),
  }),
});
const current = z.object({
  result: z.object({ data: z.object({ json: z.object({ id: z.string() }) }) }),
});
const summary = z.object({
  result: z.object({ data: z.object({ json: z.array(z.object({ count: z.number() })) }) }),
});

it("keeps the data, the seed and the sessions of the first run across a restart", async () => {
  const env = defaults(await freshDataDir());
  const leadsIn = async (tab: Browser) => {
    const response = await tab.request("/api/trpc/lead.pipelineSummary", {
      headers: { "x-guild-org": "demo" },
    });
    const statuses = (await readJson(response, summary)).result.data.json;
    return statuses.reduce((total, s) => total + s.count, 0);
  };

  const first = await startServer({ env, port: 0 });
  const tab = new Browser(first.url);
  let leadId = "";
  let pictureUrl = "";
  try {
    expect(first.embedded).toBe(true);
    expect(first.seeded).toBe(true);
    const banner = first.banner();
    expect(banner).toContain(`Guild is running at ${first.url}`);
    expect(banner).toContain(`password "${DEMO_PASSWORD}"`);
    for (const demo of demoUsers) expect(banner).toContain(demo.email);
    expect(banner).toContain(`DATABASE_URL=${first.databaseUrl}`);
    expect(first.databaseUrl).toMatch(/^postgres:\/\/guild:guild@127\.0\.0\.1:\d+\/guild$/);

    expect((await signIn(tab, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(200);
    expect(await leadsIn(tab)).toBe(DEMO_LEAD_COUNT);
    const lead = await tab.post(
      "/api/trpc/lead.create",
      { json: { name: "Survives the restart" } },
      { "x-guild-org": "demo" },
    );
    leadId = (await readJson(lead, created)).result.data.json.id;

    // A picture, uploaded as the browser does: straight to the embedded S3 server, whose bucket
    // lets the app's origin PUT.
    expect(banner).toMatch(/Files: embedded S3 server at http:\/\/127\.0\.0\.1:\d+ \(bucket guild/);
    // No STRIPE_SECRET_KEY: billing runs against the local stand-in, and says so.
    expect(banner).toMatch(
      /Billing: test mode: local Stripe stand-in at http:\/\/127\.0\.0\.1:\d+/,
    );
    // No LLM_API_KEY either: the model is the local stand-in, on a port of the run's own.
    expect(banner).toMatch(/AI: local stand-in model at http:\/\/127\.0\.0\.1:\d+\/v1/);
    const picture = new Uint8Array(48);
    picture.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const started = await readJson(
      await tab.post(
        "/api/trpc/member.startAvatarUpload",
        { json: { name: "me.png", size: picture.length, contentType: "image/png" } },
        { "x-guild-org": "demo" },
      ),
      startedUpload,
    );
    const put = await fetch(started.result.data.json.upload.url, {
      method: "PUT",
      body: new Blob([picture], { type: "image/png" }),
      headers: { "content-type": "image/png", origin: first.url },
    });
    expect(put.status).toBe(200);
    expect(put.headers.get("access-control-allow-origin")).toBe(first.url);
    const fileId = started.result.data.json.file.id;
    expect(
      (
        await tab.post(
          "/api/trpc/file.confirmUpload",
          { json: { id: fileId } },
          {
            "x-guild-org": "demo",
          },
        )
      ).status,
    ).toBe(200);
    const org = await readJson(
      await tab.request("/api/trpc/organization.current", { headers: { "x-guild-org": "demo" } }),
      current,
    );
    pictureUrl = `/api/files/${org.result.data.json.id}/${fileId}`;
    expect((await tab.request(pictureUrl)).status).toBe(200);
  } finally {
    await first.close();
  }
  // Stopped cleanly: PostgreSQL is not left running on the data directory.
  expect(await postmasterPid(join(env.GUILD_DATA_DIR ?? "", "postgres"))).toBeNull();

  const second = await startServer({ env, port: 0 });
  try {
    expect(second.seeded).toBe(false);
    // The same browser, with the cookie of the first run: the session and the lead are still there.
    const again = new Browser(second.url);
    again.adoptCookies(tab);
    expect(await leadsIn(again)).toBe(DEMO_LEAD_COUNT + 1);
    const byId = await again.request(
      `/api/trpc/lead.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: leadId } }))}`,
      { headers: { "x-guild-org": "demo" } },
    );
    expect((await readJson(byId, created)).result.data.json.name).toBe("Survives the restart");
    // The picture too, from GUILD_DATA_DIR/s3.
    const picture = await again.request(pictureUrl);
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("image/png");
    expect((await picture.arrayBuffer()).byteLength).toBe(48);
  } finally {
    await second.close();
  }
}, 60_000);

it("never seeds the demo logins in production, even on the embedded database, and says how to start", async () => {
  const env: ServerEnv = { ...defaults(await freshDataDir()), NODE_ENV: "production" };
  const server = await startServer({ env, port: 0 });
  try {
    expect(server.embedded).toBe(true);
    expect(server.seeded).toBe(false);
    const banner = server.banner();
    expect(banner).not.toContain(DEMO_PASSWORD);
    expect(banner).not.toContain("Demo logins");
    // No account exists yet: the banner says how to make the first one.
    expect(banner).toContain(`${server.url}/sign-up`);
    expect(banner).toContain("pnpm db:setup-admin");
    const tab = new Browser(server.url);
    expect((await signIn(tab, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(401);
  } finally {
    await server.close();
  }
}, 60_000);
