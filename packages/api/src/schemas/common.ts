import { z } from "zod";

export const idSchema = z.uuid("Invalid id");
export const byIdInput = z.object({ id: idSchema });

/**
 * A string PostgreSQL can store. Its text types refuse the NUL character (SQLSTATE 22021), so
 * without this check a pasted or forged "\u0000" reached the database and failed as a 500.
 * Every free-text input starts here.
 */
export const text = () =>
  z.string().refine((value) => !value.includes("\0"), "Remove the invalid character (NUL)");

// The range PostgreSQL's timestamptz and a browser's date pickers agree on.
const EARLIEST = new Date("0001-01-01T00:00:00Z");
const LATEST = new Date("9999-12-31T23:59:59.999Z");

/** A timestamp input PostgreSQL accepts (a Date near JavaScript's limits is out of its range). */
export const timestamp = () =>
  z.date("Invalid date").min(EARLIEST, "Date out of range").max(LATEST, "Date out of range");
