/**
 * The wire format between clients and the API: JSON, plus Dates that arrive as Dates.
 *
 * Why not superjson: it copies every value while testing each against a dozen types, ~200 µs
 * for one 25-lead page, 12% of lead.list's whole CPU cost (`pnpm bench --cpu-prof`). Guild's
 * procedures send JSON values and Dates only, so serialize merely records where the Dates are
 * (JSON.stringify writes them as ISO strings on its own) and deserialize turns exactly those
 * strings back into Dates. Values JSON cannot carry faithfully (Map, Set, bigint, class instances,
 * invalid Dates) throw while serializing instead of arriving as `{}` or `null`.
 *
 * Wire shape: `{ "json": <value>, "dates"?: [["items", 0, "createdAt"], ...] }`.
 */
import type { TRPCDataTransformer } from "@trpc/server";

type PathSegment = string | number;
type Path = PathSegment[];

function describe(path: Path): string {
  return path.length ? path.join(".") : "(root)";
}

function collectDates(value: unknown, path: Path, dates: Path[]): void {
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint" || typeof value === "function" || typeof value === "symbol")
      throw new TypeError(`Cannot send a ${typeof value} at ${describe(path)}`);
    return;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new TypeError(`Cannot send an invalid Date at ${describe(path)}`);
    dates.push([...path]);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      collectDates(value[i], path, dates);
      path.pop();
    }
    return;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null)
    throw new TypeError(
      `Cannot send a ${value.constructor?.name ?? "class instance"} at ${describe(path)}: send plain objects, arrays and Dates`,
    );
  for (const key of Object.keys(value)) {
    path.push(key);
    collectDates((value as Record<string, unknown>)[key], path, dates);
    path.pop();
  }
}

function serialize(value: unknown): { json: unknown; dates?: Path[] } {
  const dates: Path[] = [];
  collectDates(value, [], dates);
  return dates.length ? { json: value, dates } : { json: value };
}

function isContainer(value: unknown): value is Record<PathSegment, unknown> {
  return typeof value === "object" && value !== null;
}

/** Input comes from anyone: every path must lead through own properties to a valid date string. */
function deserialize(wire: unknown): unknown {
  if (!isContainer(wire) || !("json" in wire)) return undefined;
  const { json, dates } = wire;
  if (dates === undefined) return json;
  if (!Array.isArray(dates)) throw new TypeError("Malformed request: dates must be a list");
  const root = { json };
  for (const path of dates) {
    if (!Array.isArray(path)) throw new TypeError("Malformed date path");
    let parent: unknown = root;
    let key: PathSegment = "json";
    for (const segment of path) {
      if (typeof segment !== "string" && typeof segment !== "number")
        throw new TypeError("Malformed date path");
      if (!isContainer(parent) || !Object.hasOwn(parent, key))
        throw new TypeError(`No value at date path ${describe(path)}`);
      parent = parent[key];
      key = segment;
    }
    if (!isContainer(parent) || !Object.hasOwn(parent, key))
      throw new TypeError(`No value at date path ${describe(path)}`);
    const text = parent[key];
    const date = typeof text === "string" ? new Date(text) : null;
    if (!date || Number.isNaN(date.getTime()))
      throw new TypeError(`Not a date at ${describe(path)}`);
    parent[key] = date;
  }
  return root.json;
}

/** Used by the server (trpc.ts) and every client (web app, tests, examples). */
export const transformer: TRPCDataTransformer = { serialize, deserialize };
