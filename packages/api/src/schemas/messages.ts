// What an input check says when its schema gave no message of its own. zod's wording is for
// developers ("Invalid option: expected one of \"new\"|\"won\"", "Invalid string: must match
// pattern /^[a-z0-9]+$/"): it lists enum values and regex sources, and reached clients as field
// errors. These are sentences for the person filling the form; a schema's own message (`.min(2,
// "Name must be at least 2 characters")`) still wins over them.
import type { z } from "zod";

type Issue = z.core.$ZodRawIssue;

const typeNames: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "yes or no",
  date: "a date",
  array: "a list",
  object: "a set of fields",
};

const formats: Record<string, string> = {
  email: "Enter a valid email address",
  url: "Enter a valid web address",
  uuid: "Invalid id",
  guid: "Invalid id",
  datetime: "Enter a valid date and time",
  date: "Enter a valid date",
  time: "Enter a valid time",
};

/** How many of what, by the kind of value a size check was on. */
function amount(origin: unknown, n: number | bigint): string {
  const count = typeof n === "bigint" ? n.toString() : n.toLocaleString("en-US");
  switch (origin) {
    case "string":
      return `${count} character${n === 1 ? "" : "s"}`;
    case "array":
    case "set":
      return `${count} item${n === 1 ? "" : "s"}`;
    case "date":
      return new Date(Number(n)).toISOString().slice(0, 10);
    default:
      return count;
  }
}

/** A sentence for an issue no schema worded, or undefined for zod's (never reached: all covered). */
export function humanMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Required";
      return `Must be ${typeNames[issue.expected] ?? "something else"}`;
    case "invalid_value":
      return "Choose one of the options";
    case "too_small": {
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "Required";
      return `Must be at least ${amount(issue.origin, issue.minimum)}`;
    }
    case "too_big":
      return `Must be at most ${amount(issue.origin, issue.maximum)}`;
    case "invalid_format":
      return formats[issue.format] ?? "Not in the expected format";
    case "not_multiple_of":
      return `Must be a multiple of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ").slice(0, 200)}`;
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return "Invalid value";
    default:
      return "Invalid value";
  }
}
