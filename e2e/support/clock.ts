import { z } from "zod";
import { baseURL } from "./browser.ts";

const clockState = z.object({ now: z.iso.datetime(), offsetMs: z.number() });

/**
 * The server's clock (GUILD_TEST_CLOCK): read it, or move it and its queued jobs forward. Every
 * e2e file shares the one server, so a test moves it only forward, and only by what it needs.
 */
export async function serverClock(advanceMs?: number) {
  const response = await fetch(`${baseURL}/dev/clock`, {
    method: advanceMs === undefined ? "GET" : "POST",
    headers: { origin: baseURL, "content-type": "application/json" },
    body: advanceMs === undefined ? undefined : JSON.stringify({ advanceMs }),
  });
  if (!response.ok) throw new Error(`/dev/clock answered ${response.status}`);
  return clockState.parse(await response.json());
}
