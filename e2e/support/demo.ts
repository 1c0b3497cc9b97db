import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { newUserPage } from "./browser.ts";

// The demo organization as an operator seeds it (`pnpm db:seed`), and its people signing in.

export const DEMO_PASSWORD = "guild-demo-1234";

/** What an operator types: `pnpm db:seed` (once: a seeded demo is left alone). */
export function seedDemo() {
  execFileSync(process.execPath, ["src/cli.ts", "seed"], {
    cwd: fileURLToPath(new URL("../../packages/db/", import.meta.url)),
    env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
    stdio: "pipe",
  });
}

/** A demo person signed in through the form, in a browser profile of their own. */
export async function signInDemo(
  flow: { browser: Browser; pages: Page[] },
  email: string,
  viewport: { width: number; height: number },
) {
  const { page } = await newUserPage(flow.browser);
  flow.pages.push(page);
  await page.setViewportSize(viewport);
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  return page;
}
