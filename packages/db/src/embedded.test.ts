// Embedded PostgreSQL as `pnpm dev` meets it: a second server on the same data directory (or a
// PostgreSQL left over from a killed one) gets a clear message, not a bare "lock file exists".
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "./embedded";

let root = "";
let first: EmbeddedDatabase | undefined;
afterAll(async () => {
  await first?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

it("refuses to start a second PostgreSQL on a data directory in use, naming the pid", async () => {
  root = await mkdtemp(join(tmpdir(), "guild-embedded-"));
  await chmod(root, 0o755);
  const dataDir = join(root, "postgres");
  first = await startEmbeddedPostgres({ dataDir, persistent: true });
  await expect(startEmbeddedPostgres({ dataDir, persistent: true })).rejects.toThrow(
    /already running on .*postgres \(pid \d+\).*kill \d+/,
  );
  // The first one is untouched and still answers.
  const { default: postgres } = await import("postgres");
  const sql = postgres(first.url, { max: 1 });
  expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
  await sql.end();
}, 60_000);
