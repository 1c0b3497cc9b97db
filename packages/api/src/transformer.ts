/**
 * The wire format between clients and the API: JSON, plus Dates that arrive as Dates.
 *
 * Why not superjson: it copies every value while testing each against a dozen types, ~200 µs
 * for one 25-lead page, 12% of lead.list's whole CPU cost (`pnpm bench --cpu-prof`). Guild's
 * procedures send JSON values and Dates only, so serialize writes each Date as its ISO string and
 * records where it was, and deserialize turns exactly those strings back into Dates. Values JSON
 * cannot carry faithfully (Map, Set, bigint, class instances, invalid Dates) throw while
 * serializing instead of arriving as `{}` or `null`.
 *
 * Wire shape: `{ "json": <value>, "dates"?: [["items", 0, "createdAt"], ...] }`.
 */
import type { TRPCDataTransformer } from "@trpc/server";

type PathSegment = string | number;
type Path = PathSegment[];

function describe(path: Path): string {
  return path.length ? path.join(".") : "(root)";
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
const DAY_MS = 86_400_000;

/**
 * date.toISOString(), computed in JavaScript (days to a civil date: Howard Hinnant's algorithm):
 * V8's own took ~1 µs a Date, a page of 25 leads has 50, and a Date's toJSON also takes
 * JSON.stringify off its fast path (a lead page cost 3.5 times one without Dates). Years outside
 * 1000-9999 (their ISO form differs) go to toISOString.
 */
export function isoString(date: Date): string {
  const ms = date.getTime();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1_460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) return date.toISOString();
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1_000);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1_000)}Z`;
}

/**
 * The value as JSON will carry it: a copy with each Date as its ISO string (its path recorded),
 * so JSON.stringify meets plain data only.
 */
function encode(value: unknown, path: Path, dates: Path[]): unknown {
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint" || typeof value === "function" || typeof value === "symbol")
      throw new TypeError(`Cannot send a ${typeof value} at ${describe(path)}`);
    return value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new TypeError(`Cannot send an invalid Date at ${describe(path)}`);
    dates.push([...path]);
    return isoString(value);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      out[i] = encode(value[i], path, dates);
      path.pop();
    }
    return out;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null)
    throw new TypeError(
      `Cannot send a ${value.constructor?.name ?? "class instance"} at ${describe(path)}: send plain objects, arrays and Dates`,
    );
  // A spread copy keeps the object's shape (V8 clones it in one step, and JSON.stringify then
  // walks the copy fast); only the fields that need it are replaced. An own "__proto__" key
  // (JSON.parse makes them) stays a key, as JSON.stringify writes it.
  const out: Record<string, unknown> = { ...value };
  for (const key in out) {
    if (!Object.hasOwn(out, key)) continue;
    const field = out[key];
    // Strings, numbers, booleans and nulls (most fields) stay as they are.
    if (
      field === null ||
      (typeof field !== "object" &&
        typeof field !== "bigint" &&
        typeof field !== "function" &&
        typeof field !== "symbol")
    )
      continue;
    path.push(key);
    out[key] = encode(field, path, dates);
    path.pop();
  }
  return out;
}

function serialize(value: unknown): { json: unknown; dates?: Path[] } {
  const dates: Path[] = [];
  const json = encode(value, [], dates);
  return dates.length ? { json, dates } : { json };
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
