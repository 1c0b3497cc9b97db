// Stripe's v1 request encoding: application/x-www-form-urlencoded with bracket nesting, as the SDK
// writes it (items[0][price]=…, metadata[plan]=pro, expand[0]=customer; `a[]=x` is accepted too).
// An empty string is Stripe's "unset" (metadata[k]= deletes k, cancel_at= clears it).
import { invalidRequest } from "./errors.ts";

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

function splitKey(key: string): string[] {
  const first = key.indexOf("[");
  if (first === -1) return [key];
  const parts = [key.slice(0, first)];
  const rest = key.slice(first);
  for (const match of rest.matchAll(/\[([^\]]*)\]/g)) parts.push(match[1] ?? "");
  return parts;
}

/** Objects whose keys are all array indices (a[0], a[1]) become arrays, in index order. */
function normalize(value: FormValue): FormValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(normalize);
  const entries = Object.entries(value);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => normalize(v));
  }
  const out: FormObject = {};
  for (const [k, v] of entries) out[k] = normalize(v);
  return out;
}

export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = splitKey(rawKey);
    let node: FormObject = root;
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      // `a[]=x`: append, with the position as the index.
      const key = part === "" ? String(Object.keys(node).length) : part;
      if (last) {
        node[key] = value;
        break;
      }
      const next = node[key];
      if (next === undefined || typeof next === "string" || Array.isArray(next)) {
        const created: FormObject = {};
        node[key] = created;
        node = created;
      } else {
        node = next;
      }
    }
  }
  const normalized = normalize(root);
  return typeof normalized === "object" && !Array.isArray(normalized) ? normalized : {};
}

/** Typed reads of a parsed form, with Stripe's wording for bad values. `path` names the param. */
export class Params {
  readonly raw: FormObject;
  private readonly prefix: string;

  constructor(raw: FormObject, prefix = "") {
    this.raw = raw;
    this.prefix = prefix;
  }

  private name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  /** A key's full param name, as errors name it (subscription_details[items]). */
  path(key: string): string {
    return this.name(key);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  /** Rejects keys the endpoint does not know, as Stripe does ("Received unknown parameter"). */
  allow(keys: readonly string[]): this {
    const known = new Set([...keys, "expand"]);
    for (const key of Object.keys(this.raw)) {
      if (!known.has(key)) {
        throw invalidRequest(`Received unknown parameter: ${this.name(key)}`, {
          param: this.name(key),
          code: "parameter_unknown",
        });
      }
    }
    return this;
  }

  string(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string") {
      throw invalidRequest(`Invalid string: ${this.name(key)} must be a string`, {
        param: this.name(key),
        code: "parameter_invalid_string",
      });
    }
    return value;
  }

  /** An empty string is "unset" for optional fields: returns null then. */
  nullableString(key: string): string | null | undefined {
    const value = this.string(key);
    return value === "" ? null : value;
  }

  requireString(key: string): string {
    const value = this.string(key);
    if (value === undefined || value === "") {
      throw invalidRequest(`Missing required param: ${this.name(key)}.`, {
        param: this.name(key),
        code: "parameter_missing",
      });
    }
    return value;
  }

  enumOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    const found = values.find((v) => v === value);
    if (found === undefined) {
      throw invalidRequest(`Invalid ${this.name(key)}: must be one of ${values.join(", ")}`, {
        param: this.name(key),
        code: "parameter_invalid_string",
      });
    }
    return found;
  }

  int(key: string): number | undefined {
    const value = this.string(key);
    if (value === undefined || value === "") return undefined;
    if (!/^-?\d+$/.test(value)) {
      throw invalidRequest(`Invalid integer: ${value}`, {
        param: this.name(key),
        code: "parameter_invalid_integer",
      });
    }
    return Number(value);
  }

  nonNegativeInt(key: string): number | undefined {
    const value = this.int(key);
    if (value !== undefined && value < 0) {
      throw invalidRequest(`This value must be greater than or equal to 0.`, {
        param: this.name(key),
        code: "parameter_invalid_integer",
      });
    }
    return value;
  }

  bool(key: string): boolean | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (value === "true") return true;
    if (value === "false") return false;
    throw invalidRequest(`Invalid boolean: ${value}`, {
      param: this.name(key),
      code: "parameter_invalid_boolean",
    });
  }

  object(key: string): Params | undefined {
    const value = this.raw[key];
    if (value === undefined || value === "") return undefined;
    if (typeof value === "string" || Array.isArray(value)) {
      throw invalidRequest(`Invalid hash`, { param: this.name(key), code: "parameter_invalid" });
    }
    return new Params(value, this.name(key));
  }

  array(key: string): Params[] {
    const value = this.raw[key];
    if (value === undefined || value === "") return [];
    if (!Array.isArray(value)) {
      throw invalidRequest(`Invalid array`, { param: this.name(key), code: "parameter_invalid" });
    }
    return value.map((item, i) => {
      if (typeof item === "string" || Array.isArray(item)) {
        throw invalidRequest(`Invalid hash`, {
          param: `${this.name(key)}[${i}]`,
          code: "parameter_invalid",
        });
      }
      return new Params(item, `${this.name(key)}[${i}]`);
    });
  }

  strings(key: string): string[] {
    const value = this.raw[key];
    if (value === undefined || value === "") return [];
    if (typeof value === "string") return [value];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
      throw invalidRequest(`Invalid array`, { param: this.name(key), code: "parameter_invalid" });
    }
    return value.filter((v): v is string => typeof v === "string");
  }

  /** metadata[k]=v; an empty value deletes k, `metadata=` clears everything. */
  applyMetadata(current: Record<string, string>): Record<string, string> {
    const value = this.raw.metadata;
    if (value === undefined) return current;
    if (value === "") return {};
    if (typeof value === "string" || Array.isArray(value)) {
      throw invalidRequest(`Invalid hash`, {
        param: this.name("metadata"),
        code: "parameter_invalid",
      });
    }
    const next = { ...current };
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== "string") {
        throw invalidRequest(`Invalid metadata value`, {
          param: `${this.name("metadata")}[${k}]`,
          code: "parameter_invalid",
        });
      }
      if (v === "") delete next[k];
      else next[k] = v;
    }
    return next;
  }
}
