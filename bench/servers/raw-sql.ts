// The practical limit for lead.list: node:http + postgres.js running the very statement listLeads
// sends (captured by the bench), with no framework, no session, no tenant transaction and no RLS.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { z } from "zod";
import { announceReady } from "./ready.ts";

const leadListStatement = z.object({
  text: z.string(),
  parameters: z.array(z.union([z.string(), z.number()])),
});

const databaseUrl = process.env.DATABASE_URL;
const statementJson = process.env.BENCH_LEAD_LIST_SQL;
if (!databaseUrl || !statementJson)
  throw new Error("DATABASE_URL and BENCH_LEAD_LIST_SQL are required");
const statement = leadListStatement.parse(JSON.parse(statementJson));

// The same pool the app uses (createDb: 10 connections, prepared statements).
const sql = postgres(databaseUrl, { max: 10, prepare: true, onnotice: () => {} });

const server = createServer((_req, res) => {
  // Rows as arrays, as drizzle reads them (its select aliases two columns "name").
  sql
    .unsafe(statement.text, statement.parameters, { prepare: true })
    .values()
    .then(
      (rows) => {
        const body = JSON.stringify({ items: rows.slice(0, 25), more: rows.length > 25 });
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
