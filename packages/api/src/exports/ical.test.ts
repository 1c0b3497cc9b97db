// The iCalendar writer, read back by an independent parser (ical.js, Mozilla's, which Thunderbird
// uses): the text round-trips, lines are folded as RFC 5545 says, zones come from the VTIMEZONE we
// write (not from the parser's own data), and a series expands to the expected instants across a
// DST change, without its cancelled occurrence and with its edited one moved.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  escapeText,
  foldLine,
  localStamp,
  offsetMinutes,
  offsetTransitions,
  ruleValue,
  writeCalendar,
} from "./ical.ts";

const HOUR = 3_600_000;
const now = new Date("2026-12-04T10:00:00Z");

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text));
}

/** Every instant the series of that UID has in [from, to), as the parser expands it. */
function expand(text: string, uid: string, until: Date) {
  const calendar = parse(text);
  const vevents = calendar.getAllSubcomponents("vevent");
  const master = vevents.find(
    (v) => v.getFirstPropertyValue("uid") === uid && !v.hasProperty("recurrence-id"),
  );
  if (!master) throw new Error("no master");
  const event = new ICAL.Event(master);
  for (const exception of vevents)
    if (exception.getFirstPropertyValue("uid") === uid && exception.hasProperty("recurrence-id"))
      event.relateException(exception);
  const iterator = event.iterator();
  const found: Array<{ start: string; end: string; summary: string }> = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.toJSDate() >= until) break;
    const details = event.getOccurrenceDetails(next);
    found.push({
      start: details.startDate.toJSDate().toISOString(),
      end: details.endDate.toJSDate().toISOString(),
      summary: details.item.summary,
    });
  }
  return found;
}

describe("text", () => {
  it("escapes what TEXT must, and drops control characters", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg\u0007h")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng" + "h");
  });

  it("folds at 75 octets without splitting a character", () => {
    const line = `SUMMARY:${"é".repeat(60)}${"😀".repeat(10)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
      // No replacement character: every part is whole UTF-8.
      expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(part))).toBe(
        part,
      );
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });

  it("round-trips names, descriptions and places through the parser", () => {
    const summary = 'Café, Q&A; \\ "quotes" — Zoë Ωμέγα 🎉 '.repeat(4).trim();
    const description = "Line one\nLine two, with; punctuation\n\n**markdown** stays text";
    const text = writeCalendar({
      name: "Acme, events",
      now,
      events: [
        {
          uid: "one@guild.test",
          start: new Date("2027-01-10T17:00:00Z"),
          end: new Date("2027-01-10T18:30:00Z"),
          timeZone: "Europe/Paris",
          summary,
          description,
          location: "Room 4, 2nd floor; Main st.",
          url: "http://localhost:3000/o/acme/s/meetups/events/1",
          categories: ["design", "a,b"],
        },
      ],
    });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75)).toBe(
      true,
    );
    const calendar = parse(text);
    // An X- property is no TEXT to the parser: its value comes back as written (escaped).
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Acme\\, events");
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent") ?? undefined);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    expect(event.location).toBe("Room 4, 2nd floor; Main st.");
    expect(event.startDate.toJSDate().toISOString()).toBe("2027-01-10T17:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2027-01-10T18:30:00.000Z");
    expect(event.startDate.zone.tzid).toBe("Europe/Paris");
    // Local 18:00 in Paris (winter, +01:00), as written.
    expect(text).toContain("DTSTART;TZID=Europe/Paris:20270110T180000");
  });

  it("keeps only a rule's own characters", () => {
    expect(ruleValue("FREQ=WEEKLY;BYDAY=TU")).toBe("FREQ=WEEKLY;BYDAY=TU");
    expect(ruleValue("DTSTART:20270101T100000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=3")).toBe(
      "FREQ=MONTHLY;BYMONTHDAY=3",
    );
    expect(ruleValue("FREQ=WEEKLY\r\nATTACH:http://evil")).toBe("FREQ=WEEKLY");
    expect(ruleValue('FREQ=WEEKLY;X-Y="a b"')).toBeNull();
    expect(ruleValue("")).toBeNull();
  });
});

describe("zones", () => {
  it("finds Paris's DST changes of 2027 to the minute", () => {
    const changes = offsetTransitions(
      "Europe/Paris",
      new Date("2027-01-01T00:00:00Z"),
      new Date("2028-01-01T00:00:00Z"),
    );
    expect(changes.map((c) => [c.at.toISOString(), c.from, c.to])).toEqual([
      ["2027-03-28T01:00:00.000Z", 60, 120],
      ["2027-10-31T01:00:00.000Z", 120, 60],
    ]);
    expect(offsetMinutes(new Date("2027-07-01T00:00:00Z"), "America/New_York")).toBe(-240);
    expect(localStamp(new Date("2027-03-28T01:00:00Z"), "Europe/Paris")).toBe("20270328T030000");
  });

  it("writes UTC times with Z and no VTIMEZONE", () => {
    const text = writeCalendar({
      name: "UTC",
      now,
      events: [
        {
          uid: "utc@guild.test",
          start: new Date("2027-01-10T17:00:00Z"),
          end: new Date("2027-01-10T18:00:00Z"),
          timeZone: "UTC",
          summary: "In UTC",
        },
      ],
    });
    expect(text).not.toContain("VTIMEZONE");
    expect(text).toContain("DTSTART:20270110T170000Z");
    const event = new ICAL.Event(parse(text).getFirstSubcomponent("vevent") ?? undefined);
    expect(event.startDate.toJSDate().toISOString()).toBe("2027-01-10T17:00:00.000Z");
  });

  it("uses the VTIMEZONE it writes: a zone unknown to the parser still reads right", () => {
    // ical.js has no IANA data of its own: without our VTIMEZONE it would read floating time.
    const text = writeCalendar({
      name: "Tokyo and Sydney",
      now,
      events: [
        {
          uid: "syd@guild.test",
          start: new Date("2027-01-10T08:00:00Z"),
          end: new Date("2027-01-10T09:00:00Z"),
          timeZone: "Australia/Sydney",
          summary: "Sydney summer",
        },
        {
          uid: "lhi@guild.test",
          start: new Date("2027-07-10T08:00:00Z"),
          end: new Date("2027-07-10T09:00:00Z"),
          timeZone: "Australia/Lord_Howe",
          summary: "Half-hour DST",
        },
      ],
    });
    const vevents = parse(text).getAllSubcomponents("vevent");
    const starts = vevents.map((v) => new ICAL.Event(v).startDate.toJSDate().toISOString());
    expect(starts).toEqual(["2027-01-10T08:00:00.000Z", "2027-07-10T08:00:00.000Z"]);
    expect(text).toContain("DTSTART;TZID=Australia/Sydney:20270110T190000");
    expect(text).toContain("DTSTART;TZID=Australia/Lord_Howe:20270710T183000");
  });
});

describe("a series", () => {
  // Weekly on Mondays at 18:00 in Paris, from 8 March 2027: DST starts on 28 March, so the
  // instants move an hour earlier in UTC while the wall clock stays at 18:00.
  const first = new Date("2027-03-08T17:00:00Z");
  const weekly = (i: number, hourUtc: number) =>
    new Date(Date.UTC(2027, 2, 8 + 7 * i, hourUtc, 0, 0));
  const cancelled = weekly(2, 17); // 22 March
  const edited = weekly(4, 16); // 5 April, moved to 19:30 local with a new name
  const text = writeCalendar({
    name: "Series",
    now,
    refreshMinutes: 60,
    events: [
      {
        uid: "series-1@guild.test",
        start: first,
        end: new Date(first.getTime() + HOUR),
        timeZone: "Europe/Paris",
        summary: "Weekly call",
        rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=6",
        exdates: [cancelled],
      },
      {
        uid: "series-1@guild.test",
        recurrenceId: edited,
        start: new Date("2027-04-05T17:30:00Z"),
        end: new Date("2027-04-05T19:00:00Z"),
        timeZone: "Europe/Paris",
        summary: "Weekly call (long one)",
        sequence: 1,
      },
    ],
  });

  it("expands to the expected dates across DST, without the cancelled one, with the edited one moved", () => {
    const occurrences = expand(text, "series-1@guild.test", new Date("2028-01-01T00:00:00Z"));
    expect(occurrences).toEqual([
      {
        start: "2027-03-08T17:00:00.000Z",
        end: "2027-03-08T18:00:00.000Z",
        summary: "Weekly call",
      },
      {
        start: "2027-03-15T17:00:00.000Z",
        end: "2027-03-15T18:00:00.000Z",
        summary: "Weekly call",
      },
      // 22 March is cancelled; from 29 March Paris is at +02:00: 18:00 local is 16:00 UTC.
      {
        start: "2027-03-29T16:00:00.000Z",
        end: "2027-03-29T17:00:00.000Z",
        summary: "Weekly call",
      },
      {
        start: "2027-04-05T17:30:00.000Z",
        end: "2027-04-05T19:00:00.000Z",
        summary: "Weekly call (long one)",
      },
      {
        start: "2027-04-12T16:00:00.000Z",
        end: "2027-04-12T17:00:00.000Z",
        summary: "Weekly call",
      },
    ]);
  });

  it("writes the rule, the exception and the override in the series' zone", () => {
    expect(text).toContain("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6");
    expect(text).toContain("EXDATE;TZID=Europe/Paris:20270322T180000");
    expect(text).toContain("RECURRENCE-ID;TZID=Europe/Paris:20270405T180000");
    expect(text).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT60M");
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
  });
});
