// inject("pgAdminUrl") comes from the root globalSetup (packages/db/src/testing-global-setup.ts).
export {};

declare module "vitest" {
  interface ProvidedContext {
    pgAdminUrl: string;
  }
}
