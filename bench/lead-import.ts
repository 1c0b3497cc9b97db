// `node bench/lead-import.ts`: a CSV import of --rows leads (100,000) into the demo organization
// on the production server, as the web's import screen does it: every row checked with
// parseLeadImportRow (the browser's share of the work, timed here in Node), the rows sent over
// HTTP to leadImport.addRows in chunks of 2,000 (each request's body printed against the 1 MiB
// limit), leadImport.start, then leadImport.byId polled until the job is done. Every 50th row
// repeats an earlier email and every 100th is bad, so the dedupe and the bad-row paths run too.
// One server process (its job runner included) on this machine's cores.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { MAX_IMPORT_CHUNK_ROWS, parseLeadImportRow } from "@guild/api/schemas/lead-import";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
import { z } from "zod";
import { startServerProcess } from "./processes.ts";
import { demoServerEnv } from "./support.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const { values: flags } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    // A directory: the server writes a CPU profile there (node --cpu-prof) when it stops.
    "cpu-prof": { type: "string" },
  },
});
const ROWS = Number(flags.rows);
const DEMO_PASSWORD = "guild-demo-1234";

const rows = Array.from({ length: ROWS }, (_, i) => ({
  rowNumber: i + 2,
  values: {
    name: i % 100 === 99 ? "" : `Bench Lead ${i}`,
    email: `bench-${i % 50 === 49 ? i - 1 : i}@bench.example`,
    company: `Company ${i % 997}`,
    status: ["New", "Contacted", "Qualified"][i % 3] ?? "New",
    value: `${(i % 5000) + 0.5}`,
  },
}));

const checkStarted = performance.now();
const bad = rows.filter((row) => !parseLeadImportRow(row.values).ok).length;
const checkMs = performance.now() - checkStarted;

const cluster = await startTestCluster();
const database = await createTestDatabase(cluster.url);
await database.sql.end();
const server = await startServerProcess({
  name: "guild",
  script: join(repoRoot, "bench/servers/guild.ts"),
  execArgv: flags["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${flags["cpu-prof"]}`] : [],
  env: demoServerEnv(database.url),
});

const answer = z.object({ result: z.object({ data: z.object({ json: z.unknown() }) }) });

try {
  const signedIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ email: "owner@demo.guild", password: DEMO_PASSWORD }),
  });
  if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.status}`);
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const headers = {
    cookie,
    origin: server.url,
    "x-guild-org": "demo",
    "content-type": "application/json",
  };
  const mutate = async (path: string, input: unknown) => {
    const body = JSON.stringify({ json: input });
    const response = await fetch(`${server.url}/api/trpc/${path}`, {
      method: "POST",
      headers,
      body,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return { data: answer.parse(await response.json()).result.data.json, bytes: body.length };
  };
  const query = async (path: string, input: unknown) => {
    const url = `${server.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return answer.parse(await response.json()).result.data.json;
  };

  const uploadStarted = performance.now();
  const created = z.object({ id: z.string() }).parse(
    (
      await mutate("leadImport.create", {
        fileName: "bench.csv",
        totalRows: ROWS,
        badRows: "skip",
      })
    ).data,
  );
  let largest = 0;
  let chunks = 0;
  for (let i = 0; i < rows.length; i += MAX_IMPORT_CHUNK_ROWS) {
    const { bytes } = await mutate("leadImport.addRows", {
      id: created.id,
      rows: rows.slice(i, i + MAX_IMPORT_CHUNK_ROWS),
    });
    largest = Math.max(largest, bytes);
    chunks++;
  }
  await mutate("leadImport.start", { id: created.id });
  const uploadMs = performance.now() - uploadStarted;

  const jobStarted = performance.now();
  const status = z.object({
    status: z.string(),
    importedRows: z.number(),
    duplicateRows: z.number(),
    invalidRows: z.number(),
    processedRows: z.number(),
  });
  let current = status.parse(await query("leadImport.byId", { id: created.id }));
  while (current.status !== "done") {
    await new Promise((resolve) => setTimeout(resolve, 250));
    current = status.parse(await query("leadImport.byId", { id: created.id }));
  }
  const jobMs = performance.now() - jobStarted;

  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`rows                     ${ROWS} (${bad} bad by the browser's check)`);
  console.log(`check every row          ${Math.round(checkMs)} ms`);
  console.log(
    `upload (${chunks} chunks)        ${seconds(uploadMs)}, largest body ${Math.round(largest / 1024)} KiB of 1024`,
  );
  console.log(
    `job                      ${seconds(jobMs)} (${Math.round(ROWS / (jobMs / 1000))} rows/s)`,
  );
  console.log(
    `outcome                  ${current.importedRows} imported, ${current.duplicateRows} duplicates, ${current.invalidRows} bad`,
  );
} finally {
  await server.stop();
  await cluster.stop();
}
