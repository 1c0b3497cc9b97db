import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedS3 } from "./embedded.ts";
import "./testing.ts";

// One embedded S3 server for the whole run, in a temporary directory, like PostgreSQL.
export default async function setup(project: TestProject) {
  const directory = await mkdtemp(join(tmpdir(), "guild-s3-"));
  const s3 = await startEmbeddedS3({ directory });
  project.provide("s3Url", s3.url);
  return async () => {
    await s3.stop();
    await rm(directory, { recursive: true, force: true });
  };
}
