// Reading a chosen CSV file through the CSV worker (csv-worker.ts): the page stays responsive
// while a large file is read, fingerprinted and parsed.
import { z } from "zod";
import type { CsvFile } from "./csv-text.ts";

/** Larger files are refused before reading: 100,000 rows of a CRM export fit well inside this. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface ReadCsv {
  csv: CsvFile;
  /** The file's SHA-256 and size, which find an upload of it that stopped (null: no hash here). */
  fingerprint: { contentHash: string; fileSize: number } | null;
}

// What the worker posts back: checked like any other input from outside this thread.
const answer = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    csv: z.object({
      name: z.string(),
      headers: z.array(z.string()),
      rows: z.array(z.object({ rowNumber: z.number(), cells: z.array(z.string()) })),
    }),
    contentHash: z.string().nullable(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** Reads and parses a file in the CSV worker, or rejects with a sentence saying what is wrong. */
export function readCsvFile(file: File): Promise<ReadCsv> {
  if (file.size > MAX_FILE_BYTES)
    return Promise.reject(
      new Error("This file is larger than 50 MB: split it and import each part."),
    );
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./csv-worker.ts", import.meta.url), { type: "module" });
    worker.addEventListener("message", (event: MessageEvent<unknown>) => {
      worker.terminate();
      const parsed = answer.safeParse(event.data);
      if (!parsed.success) reject(new Error("This file could not be read as CSV."));
      else if (!parsed.data.ok) reject(new Error(parsed.data.error));
      else
        resolve({
          csv: parsed.data.csv,
          fingerprint: parsed.data.contentHash
            ? { contentHash: parsed.data.contentHash, fileSize: file.size }
            : null,
        });
    });
    worker.addEventListener("error", () => {
      worker.terminate();
      reject(new Error("This file could not be read."));
    });
    worker.postMessage(file);
  });
}
