import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  seriousA11yProblems,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";

// CSV import in a real browser: a file dropped on the import screen is mapped by its headers,
// its bad rows are listed with their row numbers and reasons before anything is sent, the owner
// skips them, the import runs as a job on the server with its progress on the page (surviving a
// reload), and its summary counts what was imported, skipped as a duplicate email, and bad.

const PASSWORD = "e2e-password-1234";
const runId = Date.now().toString(36);
const orgSlug = `import-${runId}`;

const FILLERS = 3000;
const CSV = [
  "Full Name,E-mail,Company,Stage,Amount",
  `Ada Import ${runId},ada-${runId}@people.example,Analytical,Qualified,"1,200.50"`,
  `Bad Email ${runId},not-an-email,Nowhere,New,10`,
  `Alan Import ${runId},alan-${runId}@people.example,Bletchley,won,500`,
  `,nameless-${runId}@people.example,Nobody Inc,New,5`,
  `Ada Again ${runId},ADA-${runId}@people.example,Analytical,New,0`,
  `Grace Import ${runId},,Navy,contacted,`,
  // Enough rows for the job to take several batches, so its progress shows.
  ...Array.from(
    { length: FILLERS },
    (_, i) => `Filler ${runId} ${i},filler-${i}-${runId}@filler.example,Filler Co,New,1`,
  ),
].join("\n");

let page: Page;
let importerEmail: string;

const flow = browserFlow({ pages: () => [page] });

const count = (n: number) => n.toLocaleString("en");

/** Drops a file on the drop zone as a drag from the desktop would. */
async function dropFile(p: Page, name: string, text: string) {
  const zone = p.getByText("or drop it here");
  await zone.waitFor();
  await zone.evaluate(
    (element, file) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([file.text], file.name, { type: "text/csv" }));
      element.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
    },
    { name, text },
  );
}

describe("CSV import", { concurrent: false }, () => {
  test("bad rows listed, skipped on request; progress, summary and the leads in the list", async () => {
    importerEmail = uniqueEmail("importer");
    page = await signUp(flow.browser, {
      name: "Ivy Importer",
      email: importerEmail,
      password: PASSWORD,
    });
    await createOrganization(page, "Import Co", orgSlug);
    await page.goto(`/o/${orgSlug}/leads`);
    await page.getByRole("link", { name: "Import", exact: true }).click();
    await page.waitForURL(new RegExp(`/o/${orgSlug}/leads/import`));
    await page.getByRole("heading", { name: "Import leads" }).waitFor();

    await dropFile(page, "contacts.csv", CSV);
    await page.getByRole("heading", { name: "contacts.csv" }).waitFor();
    // Columns matched by their headers; the person can change any of them.
    expect(await page.getByLabel("Lead field for the column Full Name").inputValue()).toBe("name");
    expect(await page.getByLabel("Lead field for the column E-mail").inputValue()).toBe("email");
    expect(await page.getByLabel("Lead field for the column Stage").inputValue()).toBe("status");
    expect(await page.getByLabel("Lead field for the column Amount").inputValue()).toBe("value");
    // Leaving the name out is not allowed; putting it back is.
    await page.getByLabel("Lead field for the column Full Name").selectOption("");
    await page.getByText(/Choose the column that holds each lead's name/).waitFor();
    await page.getByLabel("Lead field for the column Full Name").selectOption("name");

    // The preview shows the first rows as they will be imported.
    const preview = page.getByRole("table", { name: /first 5 rows/ });
    await preview.getByRole("cell", { name: `Ada Import ${runId}` }).waitFor();
    // Each bad row, with its row number (the header is row 1) and why.
    const bad = page.getByRole("table", { name: "Bad rows" });
    const badRows = bad.getByRole("row");
    await expect.poll(() => badRows.count()).toBe(3);
    expect(await badRows.nth(1).textContent()).toMatch(/^3\s*Enter a valid email address$/);
    expect(await badRows.nth(2).textContent()).toMatch(/^5\s*Name is required$/);
    // The columns, the preview and the bad rows fit a phone without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Import nothing while rows are bad: the import button says why it waits.
    await page.getByLabel("Import nothing").check();
    await page.getByText(/Nothing will be imported while rows are bad/).waitFor();
    const importButton = page.getByRole("button", { name: `Import ${count(FILLERS + 4)} leads` });
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByLabel("Skip the bad rows and import the others").check();
    // Every state the progress bar shows from here on, as the page renders it.
    await page.evaluate(() => {
      const seen: string[] = [];
      Reflect.set(window, "importProgress", seen);
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][aria-label="Importing"]');
        const now = bar?.getAttribute("aria-valuenow");
        if (now && seen.at(-1) !== now) seen.push(now);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await importButton.click();

    // The import has an address of its own; its summary arrives live.
    await page.waitForURL(/\/leads\/import\?id=/);
    const summary = page.getByRole("status").filter({ hasText: "Imported" });
    await summary.waitFor({ timeout: 30_000 });
    const figure = (label: string) =>
      summary.locator("div", { has: page.getByText(label, { exact: true }) }).locator("dd");
    expect(await figure("Imported").textContent()).toBe(count(FILLERS + 3));
    expect(await figure("Skipped as duplicates").textContent()).toBe("1");
    expect(await figure("Bad rows skipped").textContent()).toBe("2");
    // The job's progress was on the page, live, before the summary.
    const progress = await page.evaluate(() => Reflect.get(window, "importProgress"));
    expect(Array.isArray(progress) && progress.some((v) => Number(v) > 0 && Number(v) < 100)).toBe(
      true,
    );
    // The server's own list of the bad rows, kept with the import.
    const kept = page.getByRole("table", { name: "Bad rows" });
    await kept.getByRole("cell", { name: "Enter a valid email address" }).waitFor();

    // A reload shows the same import; on a phone too, without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByText("Skipped as duplicates").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("link", { name: "See the leads" }).click();
    await page.waitForURL(new RegExp(`/o/${orgSlug}/leads$`));
    // The fillers came last and are newest: the three named ones are found by search.
    await page.getByLabel("Search", { exact: true }).fill(`Import ${runId}`);
    for (const name of [`Ada Import ${runId}`, `Alan Import ${runId}`, `Grace Import ${runId}`])
      await page.getByRole("link", { name }).waitFor();
    expect(await page.getByRole("link", { name: `Ada Again ${runId}` }).count()).toBe(0);
    expect(await page.getByRole("link", { name: `Bad Email ${runId}` }).count()).toBe(0);
    // The lead's timeline says who imported it.
    await page.getByRole("link", { name: `Ada Import ${runId}` }).click();
    await page
      .getByRole("list", { name: "Timeline" })
      .getByText("Ivy Importer imported the lead from a CSV file")
      .waitFor();
  });

  test("history with the bad rows as CSV; an Owner column; a running import cancelled", async () => {
    await page.goto(`/o/${orgSlug}/leads/import`);
    // The first test's import, in the history: who, status, counts, its bad rows as a download.
    const history = page.getByRole("list", { name: "Earlier imports" });
    const first = history.getByRole("listitem").filter({ hasText: "contacts.csv" });
    await first.getByText(/Ivy Importer · .* · Done/).waitFor();
    await first.getByText(`${count(FILLERS + 3)} imported, 1 duplicates, 2 bad`).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      first.getByRole("link", { name: "Bad rows (CSV) of contacts.csv" }).click(),
    ]);
    const path = await download.path();
    const text = await readFile(path, "utf8");
    expect(text).toContain("Row,Why it is bad,Name");
    expect(text).toContain(`3,Enter a valid email address,Bad Email ${runId}`);
    expect(text).toContain("5,Name is required");
    // The history is labelled and fits a phone.
    await expect(seriousA11yProblems(page)).resolves.toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Owners by email; an unknown one is a bad row that says why. Enough rows for many batches.
    const rows = 12_000;
    const csv = [
      "Name,Email,Owner",
      `Owned ${runId},owned-${runId}@owned.example,${importerEmail.toUpperCase()}`,
      `Ghost Owned ${runId},ghost-${runId}@owned.example,ghost@nowhere.example`,
      ...Array.from(
        { length: rows - 2 },
        (_, i) => `Many ${runId} ${i},many-${i}-${runId}@many.example,`,
      ),
    ].join("\n");
    await dropFile(page, "owners.csv", csv);
    await page.getByRole("heading", { name: "owners.csv" }).waitFor();
    expect(await page.getByLabel("Lead field for the column Owner").inputValue()).toBe("owner");
    await page.getByRole("button", { name: `Import ${count(rows)} leads` }).click();
    await page.waitForURL(/\/leads\/import\?id=/);
    // Cancelled while the job runs: it stops before its next batch, what it imported stays.
    await page.getByText(/Importing… [1-9][\d,]* of/).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Cancel the import" }).click();
    const summary = page.getByRole("status").filter({ hasText: "Cancelled after" });
    await summary.waitFor();
    const done = Number(
      (await summary.getByText(/Cancelled after/).textContent())
        ?.match(/after ([\d,]+) of/)?.[1]
        ?.replaceAll(",", ""),
    );
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(rows);
    await page
      .getByRole("table", { name: "Bad rows" })
      .getByRole("cell", { name: /^Owner "ghost@nowhere.example" is not a member with CRM access/ })
      .waitFor();
    // Nothing more arrives once cancelled.
    const imported = await summary
      .locator("div", { has: page.getByText("Imported", { exact: true }) })
      .locator("dd")
      .textContent();
    await page.waitForTimeout(3000);
    await page.reload();
    await page.getByText("Cancelled after").waitFor();
    expect(
      await page
        .getByRole("status")
        .locator("div", { has: page.getByText("Imported", { exact: true }) })
        .locator("dd")
        .textContent(),
    ).toBe(imported);
    // The owned lead is the importer's: its Owner cell named them by email.
    await page.goto(`/o/${orgSlug}/leads?q=${encodeURIComponent(`Owned ${runId}`)}`);
    await page.getByRole("link", { name: `Owned ${runId}`, exact: true }).click();
    await page.getByRole("definition").filter({ hasText: "Ivy Importer" }).waitFor();
  });

  test("an upload interrupted for real continues from the last chunk that arrived", async () => {
    await page.goto(`/o/${orgSlug}/leads/import`);
    const rows = 4_500;
    const csv = [
      "Name,Email",
      ...Array.from(
        { length: rows },
        (_, i) => `Resumed ${runId} ${i},resumed-${i}-${runId}@r.example`,
      ),
    ].join("\n");
    // The connection drops after the first chunk of rows arrived.
    let chunks = 0;
    await page.route("**/api/trpc/leadImport.addRows*", (route) => {
      chunks++;
      return chunks === 1 ? route.continue() : route.abort("internetdisconnected");
    });
    // The file is read and parsed in a Web Worker, off the page's thread.
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(worker.url()));
    await dropFile(page, "resume.csv", csv);
    await page.getByRole("button", { name: `Import ${count(rows)} leads` }).click();
    expect(workers.some((url) => /\/assets\/csv-worker-[\w-]+\.js$/.test(url))).toBe(true);
    await page
      .getByRole("alert")
      .filter({ hasText: "Cannot reach the server" })
      .first()
      .waitFor({ timeout: 60_000 });
    expect(page.url()).not.toContain("?id=");
    await page.unroute("**/api/trpc/leadImport.addRows*");

    // The same file chosen again: its upload continues where it stopped.
    await dropFile(page, "resume.csv", csv);
    await page.getByRole("heading", { name: "Continue the upload?" }).waitFor();
    await page.getByText(`2,000 of ${count(rows)} rows arrived.`).waitFor();
    await expect(seriousA11yProblems(page)).resolves.toEqual([]);
    let resent = 0;
    page.on("request", (request) => {
      if (request.url().includes("leadImport.addRows")) resent++;
    });
    await page.getByRole("button", { name: "Continue from row 2,002" }).click();
    await page.waitForURL(/\/leads\/import\?id=/);
    const summary = page.getByRole("status").filter({ hasText: "Imported" });
    await summary.waitFor({ timeout: 60_000 });
    expect(
      await summary
        .locator("div", { has: page.getByText("Imported", { exact: true }) })
        .locator("dd")
        .textContent(),
    ).toBe(count(rows));
    // Only the rows that had not arrived were sent again: 2,500 rows, two chunks.
    expect(resent).toBe(2);
  });
});
