import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserFlow, DESKTOP, PHONE, pageWidth } from "../support/browser.ts";
import { seedDemo, signInDemo } from "../support/demo.ts";
import { idOf, trpc, trpcQuery } from "../support/trpc.ts";

// The capacity-1 waitlist (issue 13 §3), two members each in a browser of their own on the same
// event page of the demo's Events space: the admin takes the one seat, Mia answers going and is
// 1st on the waitlist; the admin cancels and Mia's open page says she is going, without a reload
// (event.rsvp). Then the other way round with the viewports swapped, so both widths see it.

const flow = browserFlow();
let admin: Page;
let mia: Page;
let eventPath = "";

const status = (page: Page) => page.getByTestId("rsvp-status");
const answer = (page: Page, name: "Going" | "Not going") =>
  page.getByRole("button", { name, exact: true });

async function expectNoSidewaysScroll(page: Page) {
  const viewport = page.viewportSize();
  expect(await pageWidth(page)).toBeLessThanOrEqual(viewport?.width ?? 0);
}

describe("an event's waitlist, live", { concurrent: false }, () => {
  test("the admin takes the one seat; Mia is 1st on the waitlist", async () => {
    seedDemo();
    admin = await signInDemo(flow, "admin@demo.guild", DESKTOP);
    mia = await signInDemo(flow, "member@demo.guild", PHONE);
    const spaces = await trpcQuery(admin, "space.list", {}, "demo");
    const spaceId = JSON.stringify(spaces).match(/"id":"([0-9a-f-]{36})"[^}]*"slug":"events"/)?.[1];
    if (!spaceId) throw new Error("no demo Events space");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const made = await trpc(
      admin,
      "event.create",
      {
        spaceId,
        title: "One seat only",
        startsAt: `${tomorrow}T18:00`,
        endsAt: `${tomorrow}T19:00`,
        timeZone: "UTC",
        capacity: 1,
      },
      "demo",
    );
    eventPath = `/o/demo/s/events/events/${idOf(made)}`;
    await admin.goto(eventPath);
    await answer(admin, "Going").click();
    await expect.poll(() => status(admin).textContent()).toBe("You're going.");

    await mia.goto(eventPath);
    await answer(mia, "Going").click();
    await expect.poll(() => status(mia).textContent()).toBe("You're 1st on the waitlist.");
    await expectNoSidewaysScroll(mia);
  });

  test("the admin cancels: Mia's open page (390 px) says she is going, without a reload", async () => {
    await answer(admin, "Not going").click();
    await expect
      .poll(() => status(mia).textContent(), { timeout: 10_000 })
      .toBe("A seat freed up: you're going.");
    expect(await answer(mia, "Going").getAttribute("aria-pressed")).toBe("true");
  });

  test("the other way round at swapped widths: the admin (390 px) is promoted live", async () => {
    await admin.setViewportSize(PHONE);
    await mia.setViewportSize(DESKTOP);
    await answer(admin, "Going").click();
    await expect.poll(() => status(admin).textContent()).toBe("You're 1st on the waitlist.");
    await answer(mia, "Not going").click();
    await expect
      .poll(() => status(admin).textContent(), { timeout: 10_000 })
      .toBe("A seat freed up: you're going.");
    await expectNoSidewaysScroll(admin);
    await expectNoSidewaysScroll(mia);
  });
});
