// Events (GET /v1/events, as Stripe keeps them for 30 days) and webhook endpoints created through
// the API, beside the ones given to startStripeStandIn.
import type { ApiDeps } from "./api.ts";
import { deleted, paginate } from "./api.ts";
import { invalidRequest, resourceMissing } from "./errors.ts";
import { newId, newSecret } from "./ids.ts";
import type { WebhookEndpoint } from "./types.ts";

export function registerEvents({ state, route }: ApiDeps): void {
  route("GET", "/v1/events", (ctx) => {
    const p = ctx.params.allow([
      "type",
      "types",
      "limit",
      "starting_after",
      "ending_before",
      "created",
      "delivery_success",
    ]);
    const type = p.string("type");
    const types = p.strings("types");
    const matches = (t: string) => {
      if (type === undefined) return true;
      if (type.endsWith("*")) return t.startsWith(type.slice(0, -1));
      return t === type;
    };
    const events = state.events
      .filter(
        (e) =>
          e.namespace === ctx.ns &&
          matches(e.event.type) &&
          (types.length === 0 || types.includes(e.event.type)),
      )
      .map((e) => e.event)
      .reverse();
    const page = paginate(events, p);
    return { object: "list", data: page.data, has_more: page.hasMore, url: "/v1/events" };
  });

  route("GET", "/v1/events/:id", (ctx) => {
    const found = state.events.find((e) => e.event.id === ctx.path.id && e.namespace === ctx.ns);
    if (!found) throw resourceMissing("event", ctx.path.id ?? "");
    return found.event;
  });

  route("POST", "/v1/webhook_endpoints", (ctx) => {
    const p = ctx.params.allow([
      "url",
      "enabled_events",
      "connect",
      "description",
      "metadata",
      "api_version",
    ]);
    const events = p.strings("enabled_events");
    if (events.length === 0) {
      throw invalidRequest("Missing required param: enabled_events.", {
        param: "enabled_events",
        code: "parameter_missing",
      });
    }
    const endpoint: WebhookEndpoint = {
      id: newId("we"),
      object: "webhook_endpoint",
      api_version: p.string("api_version") ?? null,
      application: null,
      created: state.realNow(),
      description: p.string("description") ?? null,
      enabled_events: events,
      livemode: false,
      metadata: p.applyMetadata({}),
      status: "enabled",
      url: p.requireString("url"),
      _connect: p.bool("connect") ?? false,
      _secret: newSecret("whsec"),
    };
    state.put(ctx.ns, endpoint);
    const rendered = ctx.render(endpoint);
    // The secret is shown once, in the creation response.
    return typeof rendered === "object" && rendered !== null
      ? { ...rendered, secret: endpoint._secret }
      : rendered;
  });

  route("GET", "/v1/webhook_endpoints/:id", (ctx) =>
    ctx.render(state.get(ctx.ns, "webhook_endpoint", ctx.path.id ?? "")),
  );

  route("POST", "/v1/webhook_endpoints/:id", (ctx) => {
    const endpoint = state.get(ctx.ns, "webhook_endpoint", ctx.path.id ?? "");
    const p = ctx.params.allow(["url", "enabled_events", "disabled", "description", "metadata"]);
    endpoint.url = p.string("url") ?? endpoint.url;
    if (p.has("enabled_events")) endpoint.enabled_events = p.strings("enabled_events");
    const disabled = p.bool("disabled");
    if (disabled !== undefined) endpoint.status = disabled ? "disabled" : "enabled";
    if (p.has("metadata")) endpoint.metadata = p.applyMetadata(endpoint.metadata);
    state.put(ctx.ns, endpoint);
    return ctx.render(endpoint);
  });

  route("DELETE", "/v1/webhook_endpoints/:id", (ctx) => {
    const endpoint = state.get(ctx.ns, "webhook_endpoint", ctx.path.id ?? "");
    state.remove(endpoint.id);
    return deleted(endpoint.id, "webhook_endpoint");
  });

  route("GET", "/v1/webhook_endpoints", (ctx) => {
    ctx.params.allow(["limit", "starting_after", "ending_before"]);
    return ctx.list(state.all(ctx.ns, "webhook_endpoint"), "/v1/webhook_endpoints");
  });
}
