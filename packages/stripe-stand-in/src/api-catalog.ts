// Products and prices: create, update (active flag, names, metadata, lookup keys), list with
// Stripe's filters, with product.* and price.* events for catalog sync.
import type { ApiDeps } from "./api.ts";
import { invalidRequest } from "./errors.ts";
import type { Params } from "./form.ts";
import { newId } from "./ids.ts";
import type { State } from "./state.ts";
import type { Interval, Price, Product } from "./types.ts";

const INTERVALS: readonly Interval[] = ["day", "week", "month", "year"];

export function createProduct(state: State, ns: string, p: Params, at: number): Product {
  const id = p.string("id") ?? newId("prod", 14);
  if (state.find(id)) {
    throw invalidRequest(`Product already exists.`, {
      param: "id",
      code: "resource_already_exists",
    });
  }
  const product: Product = {
    id,
    object: "product",
    active: p.bool("active") ?? true,
    created: at,
    updated: at,
    default_price: null,
    description: p.nullableString("description") ?? null,
    images: p.strings("images"),
    livemode: false,
    marketing_features: p
      .array("marketing_features")
      .map((f) => ({ name: f.requireString("name") })),
    metadata: p.applyMetadata({}),
    name: p.requireString("name"),
    package_dimensions: null,
    shippable: null,
    statement_descriptor: p.nullableString("statement_descriptor") ?? null,
    tax_code: null,
    type: "service",
    unit_label: p.nullableString("unit_label") ?? null,
    url: p.nullableString("url") ?? null,
  };
  state.put(ns, product);
  state.emit(ns, "product.created", product);
  return product;
}

/** Price params shared by /v1/prices, default_price_data and inline price_data. */
export function createPrice(
  state: State,
  ns: string,
  p: Params,
  product: Product,
  at: number,
  options: { emit?: boolean; active?: boolean } = {},
): Price {
  const currency = p.requireString("currency").toLowerCase();
  const decimal = p.string("unit_amount_decimal");
  const unitAmount =
    p.nonNegativeInt("unit_amount") ?? (decimal ? Math.round(Number(decimal)) : undefined);
  if (unitAmount === undefined) {
    throw invalidRequest("Missing required param: unit_amount.", {
      param: "unit_amount",
      code: "parameter_missing",
    });
  }
  const recurring = p.object("recurring");
  let recurringField: Price["recurring"] = null;
  if (recurring) {
    recurring.allow(["interval", "interval_count", "trial_period_days", "usage_type"]);
    const interval = recurring.enumOf("interval", INTERVALS);
    if (!interval) {
      throw invalidRequest("Missing required param: recurring[interval].", {
        param: "recurring[interval]",
        code: "parameter_missing",
      });
    }
    recurringField = {
      interval,
      interval_count: recurring.int("interval_count") ?? 1,
      meter: null,
      trial_period_days: recurring.int("trial_period_days") ?? null,
      usage_type: "licensed",
    };
  }
  const lookupKey = p.nullableString("lookup_key") ?? null;
  if (lookupKey) claimLookupKey(state, ns, lookupKey, p.bool("transfer_lookup_key") ?? false);
  const price: Price = {
    id: newId("price"),
    object: "price",
    active: options.active ?? p.bool("active") ?? true,
    billing_scheme: "per_unit",
    created: at,
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: lookupKey,
    metadata: p.applyMetadata({}),
    nickname: p.nullableString("nickname") ?? null,
    product: product.id,
    recurring: recurringField,
    tax_behavior:
      p.enumOf("tax_behavior", ["unspecified", "inclusive", "exclusive"] as const) ?? "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: recurringField ? "recurring" : "one_time",
    unit_amount: unitAmount,
    unit_amount_decimal: decimal ?? String(unitAmount),
  };
  state.put(ns, price);
  if (options.emit !== false) state.emit(ns, "price.created", price);
  return price;
}

function claimLookupKey(state: State, ns: string, key: string, transfer: boolean): void {
  for (const other of state.all(ns, "price")) {
    if (other.lookup_key !== key) continue;
    if (!transfer) {
      throw invalidRequest(`A price (\`${other.id}\`) already uses that lookup key.`, {
        param: "lookup_key",
      });
    }
    const previous = { lookup_key: other.lookup_key };
    other.lookup_key = null;
    state.put(ns, other);
    state.emit(ns, "price.updated", other, previous);
  }
}

const PRODUCT_FIELDS = [
  "name",
  "active",
  "description",
  "metadata",
  "images",
  "marketing_features",
  "statement_descriptor",
  "unit_label",
  "url",
] as const;

export function registerCatalog({ state, route }: ApiDeps): void {
  route("POST", "/v1/products", (ctx) => {
    const p = ctx.params.allow([...PRODUCT_FIELDS, "id", "default_price_data", "tax_code", "type"]);
    const at = state.now(ctx.ns);
    const product = createProduct(state, ctx.ns, p, at);
    const priceData = p.object("default_price_data");
    if (priceData) {
      priceData.allow([
        "currency",
        "unit_amount",
        "unit_amount_decimal",
        "recurring",
        "tax_behavior",
        "metadata",
      ]);
      const price = createPrice(state, ctx.ns, priceData, product, at);
      product.default_price = price.id;
      state.put(ctx.ns, product);
    }
    return ctx.render(product);
  });

  route("GET", "/v1/products/:id", (ctx) => {
    const id = ctx.path.id ?? "";
    return state.deletedStub(ctx.ns, id) ?? ctx.render(state.get(ctx.ns, "product", id));
  });

  route("POST", "/v1/products/:id", (ctx) => {
    const product = state.get(ctx.ns, "product", ctx.path.id ?? "");
    const p = ctx.params.allow([...PRODUCT_FIELDS, "default_price", "tax_code"]);
    const previous: Record<string, unknown> = {};
    const name = p.string("name");
    if (name !== undefined && name !== product.name) {
      previous.name = product.name;
      product.name = name;
    }
    const active = p.bool("active");
    if (active !== undefined && active !== product.active) {
      previous.active = product.active;
      product.active = active;
    }
    for (const key of ["description", "statement_descriptor", "unit_label", "url"] as const) {
      const value = p.nullableString(key);
      if (value !== undefined && value !== product[key]) {
        previous[key] = product[key];
        product[key] = value;
      }
    }
    if (p.has("metadata")) {
      previous.metadata = product.metadata;
      product.metadata = p.applyMetadata(product.metadata);
    }
    if (p.has("images")) {
      previous.images = product.images;
      product.images = p.strings("images");
    }
    if (p.has("marketing_features")) {
      previous.marketing_features = product.marketing_features;
      product.marketing_features = p
        .array("marketing_features")
        .map((f) => ({ name: f.requireString("name") }));
    }
    const defaultPrice = p.nullableString("default_price");
    if (defaultPrice !== undefined) {
      if (defaultPrice !== null) state.get(ctx.ns, "price", defaultPrice, "default_price");
      previous.default_price = product.default_price;
      product.default_price = defaultPrice;
    }
    product.updated = state.now(ctx.ns);
    state.put(ctx.ns, product);
    if (Object.keys(previous).length > 0) state.emit(ctx.ns, "product.updated", product, previous);
    return ctx.render(product);
  });

  route("DELETE", "/v1/products/:id", (ctx) => {
    const product = state.get(ctx.ns, "product", ctx.path.id ?? "");
    if (state.all(ctx.ns, "price").some((price) => price.product === product.id)) {
      throw invalidRequest(
        "This product cannot be deleted because it has one or more user-created prices.",
        {
          code: "product_has_prices",
        },
      );
    }
    state.emit(ctx.ns, "product.deleted", product);
    return state.markDeleted(ctx.ns, product);
  });

  route("GET", "/v1/products", (ctx) => {
    const p = ctx.params.allow([
      "active",
      "ids",
      "limit",
      "starting_after",
      "ending_before",
      "created",
      "shippable",
      "url",
    ]);
    const active = p.bool("active");
    const ids = p.strings("ids");
    const products = state
      .all(ctx.ns, "product")
      .filter(
        (x) =>
          (active === undefined || x.active === active) && (ids.length === 0 || ids.includes(x.id)),
      );
    return ctx.list(products, "/v1/products");
  });

  route("POST", "/v1/prices", (ctx) => {
    const p = ctx.params.allow([
      "currency",
      "unit_amount",
      "unit_amount_decimal",
      "product",
      "product_data",
      "recurring",
      "active",
      "nickname",
      "lookup_key",
      "transfer_lookup_key",
      "metadata",
      "tax_behavior",
      "billing_scheme",
    ]);
    const at = state.now(ctx.ns);
    const productId = p.string("product");
    const productData = p.object("product_data");
    let product: Product;
    if (productId) product = state.get(ctx.ns, "product", productId, "product");
    else if (productData) product = createProduct(state, ctx.ns, productData, at);
    else
      throw invalidRequest("Missing required param: product.", {
        param: "product",
        code: "parameter_missing",
      });
    return ctx.render(createPrice(state, ctx.ns, p, product, at));
  });

  route("GET", "/v1/prices/:id", (ctx) =>
    ctx.render(state.get(ctx.ns, "price", ctx.path.id ?? "")),
  );

  route("POST", "/v1/prices/:id", (ctx) => {
    const price = state.get(ctx.ns, "price", ctx.path.id ?? "");
    const p = ctx.params.allow([
      "active",
      "nickname",
      "lookup_key",
      "transfer_lookup_key",
      "metadata",
      "tax_behavior",
    ]);
    const previous: Record<string, unknown> = {};
    const active = p.bool("active");
    if (active !== undefined && active !== price.active) {
      previous.active = price.active;
      price.active = active;
    }
    const nickname = p.nullableString("nickname");
    if (nickname !== undefined && nickname !== price.nickname) {
      previous.nickname = price.nickname;
      price.nickname = nickname;
    }
    const lookupKey = p.nullableString("lookup_key");
    if (lookupKey !== undefined && lookupKey !== price.lookup_key) {
      if (lookupKey)
        claimLookupKey(state, ctx.ns, lookupKey, p.bool("transfer_lookup_key") ?? false);
      previous.lookup_key = price.lookup_key;
      price.lookup_key = lookupKey;
    }
    if (p.has("metadata")) {
      previous.metadata = price.metadata;
      price.metadata = p.applyMetadata(price.metadata);
    }
    state.put(ctx.ns, price);
    if (Object.keys(previous).length > 0) state.emit(ctx.ns, "price.updated", price, previous);
    return ctx.render(price);
  });

  route("GET", "/v1/prices", (ctx) => {
    const p = ctx.params.allow([
      "active",
      "product",
      "type",
      "currency",
      "lookup_keys",
      "recurring",
      "limit",
      "starting_after",
      "ending_before",
      "created",
    ]);
    const active = p.bool("active");
    const product = p.string("product");
    const type = p.string("type");
    const currency = p.string("currency");
    const lookupKeys = p.strings("lookup_keys");
    const interval = p.object("recurring")?.string("interval");
    const prices = state
      .all(ctx.ns, "price")
      .filter(
        (x) =>
          (active === undefined || x.active === active) &&
          (product === undefined || x.product === product) &&
          (type === undefined || x.type === type) &&
          (currency === undefined || x.currency === currency) &&
          (lookupKeys.length === 0 ||
            (x.lookup_key !== null && lookupKeys.includes(x.lookup_key))) &&
          (interval === undefined || x.recurring?.interval === interval),
      );
    return ctx.list(prices, "/v1/prices");
  });
}
