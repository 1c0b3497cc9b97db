import type { TestProject } from "vitest/node";
import { startTestCluster } from "./testing.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

// One embedded PostgreSQL for the whole run; each test file copies the migrated template.
export default async function setup(project: TestProject) {
  const pg = await startTestCluster();
  project.provide("pgAdminUrl", pg.url);
  return async () => {
    await pg.stop();
  };
}
