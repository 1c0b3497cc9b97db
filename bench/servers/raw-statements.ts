// The raw SQL twin of a community endpoint (bench/community.ts): node:http + postgres.js sending
// the very statements the service sends for one request (captured by the bench), one after the
// other, with no framework, no session, no tenant transaction and no RLS. The statements read
// the caller from the settings the tenant transaction would set (app.organization_id,
// app.member_id, … for guild_visible_space_ids), so here they are the connections' startup
// parameters: the same statements compute the same visible spaces and answer the same rows.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { z } from "zod";
import { announceReady } from "./ready.ts";

const statements = z.array(
  z.object({
    text: z.string(),
    parameters: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
  }),
);
const settings = z.record(z.string(), z.string());

const databaseUrl = process.env.DATABASE_URL;
const statementsJson = process.env.BENCH_STATEMENTS;
const settingsJson = process.env.BENCH_SETTINGS;
if (!databaseUrl || !statementsJson || !settingsJson)
  throw new Error("DATABASE_URL, BENCH_STATEMENTS and BENCH_SETTINGS are required");
const sent = statements.parse(JSON.parse(statementsJson));
if (sent.length === 0) throw new Error("BENCH_STATEMENTS is empty");

// The same pool the app uses (createDb: 10 connections, prepared statements).
const sql = postgres(databaseUrl, {
  max: 10,
  prepare: true,
  onnotice: () => {},
  connection: settings.parse(JSON.parse(settingsJson)),
});

/** The largest result among the statements' (a feed's page, not its space check), as items. */
async function respond() {
  let items: unknown[][] = [];
  // Rows as arrays, as drizzle reads them.
  for (const statement of sent) {
    const rows = await sql.unsafe(statement.text, statement.parameters, { prepare: true }).values();
    if (rows.length >= items.length) items = rows;
  }
  return JSON.stringify({ items });
}

const server = createServer((_req, res) => {
  respond().then(
    (body) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    },
    (error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    },
  );
});
server.listen(0, "127.0.0.1", () => {
  announceReady((server.address() as AddressInfo).port, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sql.end({ timeout: 5 });
  });
});
