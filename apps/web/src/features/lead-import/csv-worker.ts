// The CSV worker: reads a chosen file, fingerprints it (SHA-256, to find an upload of it that
// stopped) and parses it, off the page's thread. One file per worker; read-csv.ts starts it.
import { csvFromText } from "./csv-text.ts";

async function sha256(bytes: ArrayBuffer): Promise<string | null> {
  // Only in a secure context (https, or localhost): elsewhere an upload cannot be continued.
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

globalThis.addEventListener("message", async (event: MessageEvent<unknown>) => {
  const file = event.data;
  if (!(file instanceof File)) return;
  try {
    const bytes = await file.arrayBuffer();
    const contentHash = await sha256(bytes);
    // TextDecoder drops a UTF-8 byte order mark; csvFromText would otherwise.
    const csv = csvFromText(file.name, new TextDecoder().decode(bytes));
    globalThis.postMessage({ ok: true, csv, contentHash });
  } catch (error) {
    globalThis.postMessage({
      ok: false,
      error: error instanceof Error ? error.message : "This file could not be read as CSV.",
    });
  }
});
