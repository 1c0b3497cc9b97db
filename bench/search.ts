// Search figures for `pnpm bench` (issue 8 §7): lead.list's search in an organization of 100k
// leads, for a rare and a common term (and a few shapes around them), next to the ILIKE search it
// replaced, measured in the same run on the same data. Each sample is one statement's round trip
// inside a real tenant transaction (guild_tenant, RLS, the transaction's generic plans), one at a
// time: what a user waits for in the database, without HTTP or load from other requests.
import { listLeadsInput } from "@guild/api/schemas/lead";
import { asSystem, type Database, sql, type TenantScope, withTenant } from "@guild/db";
import { listLeads } from "../packages/api/src/services/lead.ts";

const SAMPLES = 200;
// The ILIKE search reads the whole organization (a third of a second each on a busy machine):
// fewer samples keep the run short; its p99 is then close to its maximum.
const ILIKE_SAMPLES = 60;
const WARMUP = 5;

export interface SearchFigure {
  name: string;
  matches: number;
  search: { p50: number; p99: number; rows: number };
  ilike: { p50: number; p99: number; rows: number };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Runs `statement` in a fresh tenant transaction per sample, timing the statement alone. */
async function time(
  db: Database,
  organizationId: string,
  count: number,
  statement: (scope: TenantScope) => Promise<number>,
) {
  let rows = 0;
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + count; i++) {
    const ms = await withTenant(db, asSystem(organizationId, "bench"), async (scope) => {
      const started = performance.now();
      rows = await statement(scope);
      return performance.now() - started;
    });
    if (i >= WARMUP) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), rows };
}

/**
 * The statement lead.list sent before search_term (commit 10f07d5, services/lead.ts): an ILIKE
 * over name, email and company, which under RLS is never an index condition, so it walked the
 * organization's leads in list order (the trigram index it had could not serve a tenant query).
 */
function ilikePage(organizationId: string, text: string, status: string | null) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`
    select "page".*, "user"."name" as owner_name from (
      select id, name, email, company, status, source, value_cents, owner_member_id, created_at, updated_at
      from lead
      where organization_id = ${organizationId} and deleted_at is null
        and (coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '')) ilike ${pattern}
        ${status ? sql`and status in (${status})` : sql``}
      order by created_at desc, id desc limit 26) "page"
    left join member on member.organization_id = ${organizationId} and member.id = "page".owner_member_id
    left join "user" on "user".id = member.user_id
    order by "page".created_at desc, "page".id desc`;
}

/** Measures each case against the organization (100k leads from bulkSeed). */
export async function measureSearch(db: Database, organizationId: string): Promise<SearchFigure[]> {
  const tenant = asSystem(organizationId, "bench");
  // Terms from the data itself: the word after the first name in an email half-way down the list
  // ("lovelace54321": one lead), and a first name (one lead in ten).
  const [sample] = await withTenant(db, tenant, ({ db: tx }) =>
    tx.execute<{ email: string; first: string; last: string }>(sql`
      select email, split_part(name, ' ', 1) as first, split_part(name, ' ', 2) as last
      from lead where organization_id = ${organizationId} and email is not null
      order by created_at, id offset 54321 limit 1`),
  );
  if (!sample) throw new Error("bench search: no lead to take terms from");
  const rare = sample.email.split("@")[0]?.split(".")[1] ?? "";
  const common = sample.first.toLowerCase();
  const cases = [
    { name: "rare term", search: rare, status: null },
    { name: "common term", search: common, status: null },
    { name: "common + status", search: common, status: "won" },
    { name: "two words", search: `${common} ${sample.last.toLowerCase()}`, status: null },
    { name: "no match", search: "qqqzz", status: null },
  ] as const;

  const figures: SearchFigure[] = [];
  for (const c of cases) {
    const input = listLeadsInput.parse({
      search: c.search,
      ...(c.status ? { status: [c.status] } : {}),
    });
    // Every match, counted through the same mechanism with no cap on the ids.
    const [count] = await withTenant(db, tenant, ({ db: tx }) =>
      tx.execute<{ n: number }>(sql`
        select count(*)::int as n from lead
        where organization_id = ${organizationId} and deleted_at is null
          and ${c.status ? sql`status = ${c.status}` : sql`true`}
          and id = any (search_target_ids(array['lead'], search_words(${c.search}), 1000000))`),
    );
    const search = await time(
      db,
      organizationId,
      SAMPLES,
      async (scope) => (await listLeads(scope, input)).items.length,
    );
    const ilike = await time(
      db,
      organizationId,
      ILIKE_SAMPLES,
      async ({ db: tx }) =>
        (await tx.execute(ilikePage(organizationId, c.search, c.status))).length,
    );
    figures.push({ name: `${c.name} "${c.search}"`, matches: count?.n ?? 0, search, ilike });
  }
  return figures;
}

export function formatSearchFigures(figures: SearchFigure[], leads: number): string {
  const ms = (n: number) => `${n.toFixed(2)} ms`.padStart(10);
  return [
    `Search in one organization of ${leads.toLocaleString("en-US")} leads: lead.list's statement with a search, p50 / p99 of ${SAMPLES}`,
    `sequential runs (${ILIKE_SAMPLES} for ILIKE), each timed alone inside its own tenant transaction (RLS, generic plans),`,
    "against the ILIKE search it replaced, same data, same run:",
    "",
    `  ${"case".padEnd(34)} ${"matches".padStart(8)}   ${"search p50".padStart(10)} ${"p99".padStart(10)}   ${"ILIKE p50".padStart(10)} ${"p99".padStart(10)}   p50 ratio`,
    ...figures.map(
      (f) =>
        `  ${f.name.padEnd(34)} ${String(f.matches).padStart(8)}   ${ms(f.search.p50)} ${ms(f.search.p99)}   ${ms(f.ilike.p50)} ${ms(f.ilike.p99)}   ${(f.ilike.p50 / f.search.p50).toFixed(1).padStart(6)}x`,
    ),
    "",
    "  (ILIKE matches substrings, search matches word prefixes, every word: multi-word cases differ by design)",
  ].join("\n");
}
