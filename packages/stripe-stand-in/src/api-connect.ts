// Connect: connected accounts (express, standard, custom) and account links. The onboarding page
// (pages.ts) completes an account: charges and payouts enabled, details submitted, and an
// account.updated event carrying `account`.
import type { ApiDeps } from "./api.ts";
import { deleted } from "./api.ts";
import { invalidRequest } from "./errors.ts";
import { newId, newSecret } from "./ids.ts";
import type { State } from "./state.ts";
import type { Account } from "./types.ts";

const ONBOARDING_REQUIREMENTS = [
  "business_profile.url",
  "business_type",
  "external_account",
  "representative.first_name",
  "representative.last_name",
  "tos_acceptance.date",
];

/** The platform's own account (GET /v1/account without Stripe-Account). */
export function platformAccount(state: State): Account {
  const existing = state.tryGet(state.platformAccount, "account", state.platformAccount);
  if (existing) return existing;
  const account = newAccount(state.platformAccount, "standard", "US", null, state.realNow());
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.details_submitted = true;
  account.requirements.currently_due = [];
  account.requirements.eventually_due = [];
  account.capabilities = { card_payments: "active", transfers: "active" };
  return state.put(state.platformAccount, account);
}

function newAccount(
  id: string,
  type: Account["type"],
  country: string,
  email: string | null,
  at: number,
): Account {
  return {
    id,
    object: "account",
    business_profile: { name: null, url: null, support_email: null },
    business_type: null,
    capabilities: { card_payments: "inactive", transfers: "inactive" },
    charges_enabled: false,
    controller:
      type === "standard" ? { type: "account" } : { type: "application", is_controller: true },
    country,
    created: at,
    default_currency: country === "US" ? "usd" : "eur",
    details_submitted: false,
    email,
    metadata: {},
    payouts_enabled: false,
    requirements: {
      alternatives: [],
      current_deadline: null,
      currently_due: [...ONBOARDING_REQUIREMENTS],
      disabled_reason: "requirements.past_due",
      errors: [],
      eventually_due: [...ONBOARDING_REQUIREMENTS],
      past_due: [...ONBOARDING_REQUIREMENTS],
      pending_verification: [],
    },
    tos_acceptance: { date: null },
    type,
  };
}

/** What finishing the onboarding page does to an account. */
export function completeOnboarding(state: State, account: Account): void {
  const previous = {
    charges_enabled: account.charges_enabled,
    payouts_enabled: account.payouts_enabled,
    details_submitted: account.details_submitted,
    requirements: structuredClone(account.requirements),
    capabilities: { ...account.capabilities },
  };
  const at = state.realNow();
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.details_submitted = true;
  account.business_type ??= "individual";
  account.capabilities = { card_payments: "active", transfers: "active" };
  account.tos_acceptance.date = at;
  account.requirements = {
    alternatives: [],
    current_deadline: null,
    currently_due: [],
    disabled_reason: null,
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
  };
  state.put(state.platformAccount, account);
  // Connect events are the connected account's: they carry `account`.
  state.emit(account.id, "account.updated", account, previous);
}

export function registerConnect({ state, route }: ApiDeps): void {
  const platformOnly = (ns: string) => {
    if (ns !== state.platformAccount) {
      throw invalidRequest("This operation can only be performed by the platform account.", {});
    }
  };

  route("POST", "/v1/accounts", (ctx) => {
    platformOnly(ctx.ns);
    const p = ctx.params.allow([
      "type",
      "country",
      "email",
      "business_type",
      "business_profile",
      "capabilities",
      "controller",
      "metadata",
      "default_currency",
      "settings",
      "tos_acceptance",
    ]);
    const type = p.enumOf("type", ["express", "standard", "custom"] as const);
    const controller = p.object("controller");
    if (!type && !controller) {
      throw invalidRequest("You must provide a type or controller.", {
        param: "type",
        code: "parameter_missing",
      });
    }
    const account = newAccount(
      newId("acct", 16),
      type ?? "express",
      p.string("country") ?? "US",
      p.string("email") ?? null,
      state.realNow(),
    );
    account.metadata = p.applyMetadata({});
    const profile = p.object("business_profile");
    if (profile) {
      account.business_profile.name = profile.string("name") ?? null;
      account.business_profile.url = profile.string("url") ?? null;
      account.business_profile.support_email = profile.string("support_email") ?? null;
    }
    account.default_currency = p.string("default_currency") ?? account.default_currency;
    const requested = p.object("capabilities");
    if (requested) {
      for (const key of ["card_payments", "transfers"] as const) {
        if (requested.object(key)?.bool("requested")) account.capabilities[key] = "inactive";
      }
    }
    state.put(state.platformAccount, account);
    return ctx.render(account);
  });

  route("GET", "/v1/account", (ctx) =>
    ctx.render(
      ctx.ns === state.platformAccount
        ? platformAccount(state)
        : state.get(state.platformAccount, "account", ctx.ns),
    ),
  );

  route("GET", "/v1/accounts/:id", (ctx) => {
    if (ctx.path.id === state.platformAccount) return ctx.render(platformAccount(state));
    return ctx.render(state.get(state.platformAccount, "account", ctx.path.id ?? "", "account"));
  });

  route("POST", "/v1/accounts/:id", (ctx) => {
    platformOnly(ctx.ns);
    const account = state.get(state.platformAccount, "account", ctx.path.id ?? "", "account");
    const p = ctx.params.allow([
      "metadata",
      "email",
      "business_profile",
      "default_currency",
      "settings",
      "capabilities",
      "business_type",
    ]);
    const previous: Record<string, unknown> = {};
    if (p.has("metadata")) {
      previous.metadata = account.metadata;
      account.metadata = p.applyMetadata(account.metadata);
    }
    const email = p.nullableString("email");
    if (email !== undefined) {
      previous.email = account.email;
      account.email = email;
    }
    const profile = p.object("business_profile");
    if (profile) {
      previous.business_profile = { ...account.business_profile };
      account.business_profile.name = profile.string("name") ?? account.business_profile.name;
      account.business_profile.url = profile.string("url") ?? account.business_profile.url;
    }
    state.put(state.platformAccount, account);
    if (Object.keys(previous).length > 0)
      state.emit(account.id, "account.updated", account, previous);
    return ctx.render(account);
  });

  route("DELETE", "/v1/accounts/:id", (ctx) => {
    platformOnly(ctx.ns);
    const account = state.get(state.platformAccount, "account", ctx.path.id ?? "", "account");
    state.remove(account.id);
    return deleted(account.id, "account");
  });

  route("GET", "/v1/accounts", (ctx) => {
    platformOnly(ctx.ns);
    ctx.params.allow(["limit", "starting_after", "ending_before", "created"]);
    return ctx.list(
      state.all(state.platformAccount, "account").filter((a) => a.id !== state.platformAccount),
      "/v1/accounts",
    );
  });

  route("POST", "/v1/account_links", (ctx) => {
    platformOnly(ctx.ns);
    const p = ctx.params.allow([
      "account",
      "refresh_url",
      "return_url",
      "type",
      "collect",
      "collection_options",
    ]);
    const account = state.get(
      state.platformAccount,
      "account",
      p.requireString("account"),
      "account",
    );
    const type = p.enumOf("type", ["account_onboarding", "account_update"] as const);
    if (!type)
      throw invalidRequest("Missing required param: type.", {
        param: "type",
        code: "parameter_missing",
      });
    if (type === "account_update" && account.type !== "custom") {
      throw invalidRequest(
        "You cannot create `account_update` type Account Links for this account.",
        { param: "type" },
      );
    }
    const at = state.realNow();
    const token = newSecret("onboard");
    const link = {
      token,
      account: account.id,
      returnUrl: p.requireString("return_url"),
      refreshUrl: p.requireString("refresh_url"),
      expiresAt: at + 300,
    };
    state.accountLinks.set(token, link);
    state.onChange();
    return {
      object: "account_link",
      created: at,
      expires_at: link.expiresAt,
      url: `${state.baseUrl}/connect/onboarding/${token}`,
    };
  });

  route("POST", "/v1/accounts/:id/login_links", (ctx) => {
    platformOnly(ctx.ns);
    const account = state.get(state.platformAccount, "account", ctx.path.id ?? "", "account");
    if (account.type !== "express") {
      throw invalidRequest("Login links can only be created for Express accounts.", {});
    }
    return {
      object: "login_link",
      created: state.realNow(),
      url: `${state.baseUrl}/connect/dashboard/${account.id}`,
    };
  });
}
