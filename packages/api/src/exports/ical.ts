// An iCalendar (RFC 5545) writer for Guild's events: the `.ics` of one event and the private
// calendar feed. Small on purpose, and careful where calendar programs are strict: CRLF line
// ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT escaped, every
// stamp in UTC, and local times with a TZID whose VTIMEZONE is written here from the runtime's
// own zone data (Intl), so a weekly 18:00 in Paris stays 18:00 across a DST change in every
// program, including those that do not know IANA names. A series is one VEVENT with the RRULE,
// its cancelled occurrences as EXDATE and its occurrences edited on their own as VEVENTs of the
// same UID with a RECURRENCE-ID (the occurrence's original start).

export interface IcsEvent {
  /** Globally unique and stable: a calendar program updates the event of the same UID. */
  uid: string;
  start: Date;
  end: Date;
  /** IANA zone the times are written in ("UTC": in UTC, with no VTIMEZONE). */
  timeZone: string;
  summary: string;
  description?: string | null;
  location?: string | null;
  /** The event's page in the app. */
  url?: string | null;
  status?: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  categories?: readonly string[];
  /** Bumped by the writer's caller when the event changes (programs keep the higher one). */
  sequence?: number;
  created?: Date | null;
  lastModified?: Date | null;
  /** The recurrence rule, e.g. `FREQ=WEEKLY;BYDAY=TU` (the master of a series only). */
  rrule?: string | null;
  /** Occurrences of the rule that do not happen (their original starts). */
  exdates?: readonly Date[];
  /** For an occurrence that differs from its series: the start the rule gave it. */
  recurrenceId?: Date | null;
}

export interface IcsCalendar {
  /** Shown as the calendar's name by programs that subscribe (X-WR-CALNAME, NAME). */
  name: string;
  events: readonly IcsEvent[];
  /** DTSTAMP of every event: when this file was made. */
  now: Date;
  /** How often a subscribing program should fetch again (RFC 7986 REFRESH-INTERVAL). */
  refreshMinutes?: number;
}

const PRODID = "-//Guild//Events//EN";

/** TEXT per RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
  return (
    value
      // Control characters other than line breaks and tab are not allowed in TEXT.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
  );
}

const encoder = new TextEncoder();

/**
 * One content line, folded (RFC 5545 §3.1): at most 75 octets a line, each continuation starting
 * with a space. Cut between characters, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  // The first line holds 75 octets, the next ones 74 after their leading space.
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > limit) {
      parts.push(current);
      current = "";
      size = 0;
      limit = 74;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `20261204T103800Z` */
export function utcStamp(at: Date): string {
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in `timeZone` at an instant, as if it were UTC (for arithmetic). */
function wallClock(at: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at))
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The zone's offset from UTC at an instant, in minutes (Paris in summer: 120). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const instant = Math.floor(at.getTime() / 1000) * 1000;
  return Math.round((wallClock(new Date(instant), timeZone) - instant) / 60_000);
}

/** `20261204T113800`: the wall-clock time in the zone, as a local DATE-TIME. */
export function localStamp(at: Date, timeZone: string): string {
  return utcStamp(new Date(wallClock(at, timeZone))).slice(0, -1);
}

/** A DATE-TIME property: in UTC for UTC, else local with its TZID. */
function dateTime(name: string, at: Date, timeZone: string): string {
  return timeZone === "UTC"
    ? `${name}:${utcStamp(at)}`
    : `${name};TZID=${timeZone}:${localStamp(at, timeZone)}`;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

const WEEK = 7 * 86_400_000;

/** The instants the zone's offset changes within [from, to], to the minute. */
export function offsetTransitions(
  timeZone: string,
  from: Date,
  to: Date,
): Array<{ at: Date; from: number; to: number }> {
  const found: Array<{ at: Date; from: number; to: number }> = [];
  let before = from.getTime();
  let offset = offsetMinutes(from, timeZone);
  // A week at a time: no zone has changed its offset twice within a week since the 1940s.
  while (before < to.getTime()) {
    const after = Math.min(before + WEEK, to.getTime());
    const next = offsetMinutes(new Date(after), timeZone);
    if (next !== offset) {
      let low = before;
      let high = after;
      while (high - low > 60_000) {
        const middle = low + Math.floor((high - low) / 120_000) * 60_000;
        if (offsetMinutes(new Date(middle), timeZone) === offset) low = middle;
        else high = middle;
      }
      found.push({ at: new Date(high), from: offset, to: next });
      offset = next;
    }
    before = after;
  }
  return found;
}

const YEAR = 366 * 86_400_000;

/**
 * The VTIMEZONE of a zone for [from, to]: its offset at `from`, then each change as an
 * observance of its own (a DTSTART, no RRULE), as the runtime's zone data has them.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string[] {
  const first = offsetMinutes(from, timeZone);
  const lines = [
    "BEGIN:VTIMEZONE",
    `TZID:${timeZone}`,
    "BEGIN:STANDARD",
    `DTSTART:${localStamp(from, timeZone)}`,
    `TZOFFSETFROM:${offsetText(first)}`,
    `TZOFFSETTO:${offsetText(first)}`,
    "END:STANDARD",
  ];
  for (const change of offsetTransitions(timeZone, from, to)) {
    const kind = change.to > change.from ? "DAYLIGHT" : "STANDARD";
    lines.push(
      `BEGIN:${kind}`,
      // The wall-clock time the change happens at, before it (in the offset it leaves).
      `DTSTART:${utcStamp(new Date(change.at.getTime() + change.from * 60_000)).slice(0, -1)}`,
      `TZOFFSETFROM:${offsetText(change.from)}`,
      `TZOFFSETTO:${offsetText(change.to)}`,
      `END:${kind}`,
    );
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

/**
 * An RRULE value as Guild stores it, checked: the rule part only (a leading `RRULE:` or an
 * rrule library's `DTSTART…` line dropped), and only the characters a rule is made of, so no
 * stored text can add a property or a line.
 */
export function ruleValue(rule: string): string | null {
  const line = rule
    .split(/\r?\n/)
    .map((part) => part.trim())
    .find((part) => part.length > 0 && !part.toUpperCase().startsWith("DTSTART"));
  if (!line) return null;
  const value = line.replace(/^RRULE:/i, "").toUpperCase();
  return /^[A-Z0-9=;,+-]+$/.test(value) && value.includes("FREQ=") ? value : null;
}

function eventLines(event: IcsEvent, now: Date): string[] {
  const lines = ["BEGIN:VEVENT", `UID:${escapeText(event.uid)}`, `DTSTAMP:${utcStamp(now)}`];
  if (event.recurrenceId) lines.push(dateTime("RECURRENCE-ID", event.recurrenceId, event.timeZone));
  lines.push(
    dateTime("DTSTART", event.start, event.timeZone),
    dateTime("DTEND", event.end, event.timeZone),
  );
  const rule = event.rrule ? ruleValue(event.rrule) : null;
  if (rule) lines.push(`RRULE:${rule}`);
  if (rule && event.exdates && event.exdates.length > 0) {
    const values = event.exdates.map((at) =>
      event.timeZone === "UTC" ? utcStamp(at) : localStamp(at, event.timeZone),
    );
    lines.push(
      event.timeZone === "UTC"
        ? `EXDATE:${values.join(",")}`
        : `EXDATE;TZID=${event.timeZone}:${values.join(",")}`,
    );
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url && /^https?:\/\/[^\s"]+$/.test(event.url)) lines.push(`URL;VALUE=URI:${event.url}`);
  if (event.categories && event.categories.length > 0)
    lines.push(`CATEGORIES:${event.categories.map(escapeText).join(",")}`);
  lines.push(`STATUS:${event.status ?? "CONFIRMED"}`);
  lines.push(`SEQUENCE:${event.sequence ?? 0}`);
  if (event.created) lines.push(`CREATED:${utcStamp(event.created)}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(event.lastModified)}`);
  lines.push("END:VEVENT");
  return lines;
}

/** The whole `.ics` text: a VCALENDAR with the zones its events use, then the events. */
export function writeCalendar(calendar: IcsCalendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  if (calendar.refreshMinutes) {
    lines.push(
      `REFRESH-INTERVAL;VALUE=DURATION:PT${calendar.refreshMinutes}M`,
      `X-PUBLISHED-TTL:PT${calendar.refreshMinutes}M`,
    );
  }
  // Each zone from a year before its earliest time to a year after its latest; ten years on for
  // a series, whose rule goes on beyond the occurrences written here.
  const spans = new Map<string, { from: number; to: number; recurring: boolean }>();
  for (const event of calendar.events) {
    if (event.timeZone === "UTC") continue;
    const times = [event.start, event.end, event.recurrenceId, ...(event.exdates ?? [])]
      .filter((at): at is Date => at instanceof Date)
      .map((at) => at.getTime());
    const span = spans.get(event.timeZone) ?? { from: Infinity, to: -Infinity, recurring: false };
    span.from = Math.min(span.from, ...times);
    span.to = Math.max(span.to, ...times);
    span.recurring ||= !!event.rrule;
    spans.set(event.timeZone, span);
  }
  for (const [timeZone, span] of spans)
    lines.push(
      ...vtimezone(
        timeZone,
        new Date(span.from - YEAR),
        new Date(span.to + (span.recurring ? 10 : 1) * YEAR),
      ),
    );
  for (const event of calendar.events) lines.push(...eventLines(event, calendar.now));
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
