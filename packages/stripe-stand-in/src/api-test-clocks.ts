// Test clocks: customers created with `test_clock` live on the clock's time, and advancing it
// walks their subscriptions through trial ends, renewals, payment retries and cancellations.
import type { ApiDeps } from "./api.ts";
import { deleted } from "./api.ts";
import { expireDueSessions } from "./api-checkout.ts";
import { invalidRequest } from "./errors.ts";
import { newId } from "./ids.ts";
import type { State } from "./state.ts";
import type { TestClock } from "./types.ts";

/** A ready clock frozen at `frozenTime`, stored in the namespace. */
export function newTestClock(
  state: State,
  ns: string,
  frozenTime: number,
  name: string | null,
): TestClock {
  const at = state.realNow();
  return state.put(ns, {
    id: newId("clock"),
    object: "test_helpers.test_clock",
    created: at,
    deletes_after: at + 30 * 86_400,
    frozen_time: frozenTime,
    livemode: false,
    name,
    status: "ready",
    status_details: {},
  });
}

export function registerTestClocks({ state, billing, route }: ApiDeps): void {
  route("POST", "/v1/test_helpers/test_clocks", (ctx) => {
    const p = ctx.params.allow(["frozen_time", "name"]);
    const frozen = p.int("frozen_time");
    if (frozen === undefined) {
      throw invalidRequest("Missing required param: frozen_time.", {
        param: "frozen_time",
        code: "parameter_missing",
      });
    }
    return ctx.render(newTestClock(state, ctx.ns, frozen, p.string("name") ?? null));
  });

  route("GET", "/v1/test_helpers/test_clocks/:id", (ctx) =>
    ctx.render(state.get(ctx.ns, "test_helpers.test_clock", ctx.path.id ?? "")),
  );

  route("GET", "/v1/test_helpers/test_clocks", (ctx) => {
    ctx.params.allow(["limit", "starting_after", "ending_before"]);
    return ctx.list(state.all(ctx.ns, "test_helpers.test_clock"), "/v1/test_helpers/test_clocks");
  });

  route("DELETE", "/v1/test_helpers/test_clocks/:id", (ctx) => {
    const clock = state.get(ctx.ns, "test_helpers.test_clock", ctx.path.id ?? "");
    // Deleting a clock deletes the customers on it and everything of theirs, as Stripe does.
    const customers = new Set(
      state
        .all(ctx.ns, "customer")
        .filter((c) => c.test_clock === clock.id)
        .map((c) => c.id),
    );
    for (const [id, entry] of state.objects) {
      const value = entry.value;
      const owner =
        value.object === "customer" ? value.id : "customer" in value ? value.customer : null;
      if (entry.namespace === ctx.ns && typeof owner === "string" && customers.has(owner))
        state.remove(id);
    }
    state.remove(clock.id);
    return deleted(clock.id, "test_helpers.test_clock");
  });

  route("POST", "/v1/test_helpers/test_clocks/:id/advance", (ctx) => {
    const clock = state.get(ctx.ns, "test_helpers.test_clock", ctx.path.id ?? "");
    const p = ctx.params.allow(["frozen_time"]);
    const target = p.int("frozen_time");
    if (target === undefined) {
      throw invalidRequest("Missing required param: frozen_time.", {
        param: "frozen_time",
        code: "parameter_missing",
      });
    }
    if (target <= clock.frozen_time) {
      throw invalidRequest(
        "The frozen_time must be after the current frozen_time of the test clock.",
        {
          param: "frozen_time",
        },
      );
    }
    clock.status = "advancing";
    state.emit(ctx.ns, "test_helpers.test_clock.advancing", clock);
    const onClock = () => {
      const customers = new Set(
        state
          .all(ctx.ns, "customer")
          .filter((c) => c.test_clock === clock.id)
          .map((c) => c.id),
      );
      return state.all(ctx.ns, "subscription").filter((sub) => customers.has(sub.customer));
    };
    // Step the clock to each boundary in turn, so every event carries the time it happened at.
    billing.runDue(ctx.ns, onClock, target, (at) => {
      clock.frozen_time = at;
    });
    clock.frozen_time = target;
    expireDueSessions(state, ctx.ns, clock.id);
    clock.status = "ready";
    state.put(ctx.ns, clock);
    state.emit(ctx.ns, "test_helpers.test_clock.ready", clock);
    return ctx.render(clock);
  });
}
