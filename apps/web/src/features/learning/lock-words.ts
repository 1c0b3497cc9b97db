import type { LessonLock } from "@guild/api/schemas/learning";

// The outline and the lesson screen say why a lesson is closed in words ("complete X first",
// "reach level 3", "Pro tier", "opens on 12 March"), from the locks the API hands over as data.
// Type-only import: the schema module's zod stays out of the screens that only word locks.

const dayAndMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long" });
const dayMonthYear = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "12 March", with the year only when it is not this year's. */
export function openingDay(at: Date, now: Date = new Date()): string {
  return at.getFullYear() === now.getFullYear() ? dayAndMonth.format(at) : dayMonthYear.format(at);
}

/** One lock as a short sentence. */
export function lockWords(lock: LessonLock, now: Date = new Date()): string {
  switch (lock.kind) {
    case "enrollment":
      return "Enroll in the course first";
    case "tier":
      return `${lock.tierName} tier`;
    case "grant":
      return "An admin opens this course to you";
    case "prerequisite":
      return `Complete “${lock.lessonTitle}” first`;
    case "level":
      return `Reach level ${lock.level}`;
    case "tierLevel":
      return `The ${lock.tierName} tier opens levels up to ${lock.maxLevel}`;
    case "drip":
      return `Opens on ${openingDay(lock.opensAt, now)}`;
  }
}

/** Every lock of a lesson, joined: "Complete “Basics” first · Reach level 3". */
export function locksInWords(locks: readonly LessonLock[], now: Date = new Date()): string {
  return locks.map((lock) => lockWords(lock, now)).join(" · ");
}
