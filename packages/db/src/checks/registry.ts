// `pnpm db:check` (issue 10 §2, seed 002's inspection script): counts, balances and every
// inconsistency the database holds, each domain's in a file of its own in this folder, listed
// once in checks/index.ts. A domain gives counts and checks of two kinds:
// - global ones, over global tables (the Stripe event log), run once on the app's connection;
// - tenant ones, over tenant tables, run for each organization in its own tenant transaction
//   as the system actor: RLS is forced on tenant tables, so even the owner role sees an
//   organization's rows only inside its scope, and every query still names organization_id.
// A check returns what it found wrong, one finding per row at fault, worded for whoever repairs
// it; none found is the only passing answer. The command exits non-zero on any finding.
import { asc, gt } from "drizzle-orm";
import type { Database } from "../client.ts";
import { organization } from "../schema/index.ts";
import { type Clock, systemClock, type TenantScope } from "../scope.ts";
import { asSystem, withTenant } from "../tenant.ts";

/** One thing wrong: what it is about (a member, an event…) and what is wrong with it. */
export interface Finding {
  subject: string;
  detail: string;
}

export interface GlobalCheck {
  name: string;
  /** What must hold, as the report says it. */
  rule: string;
  run(db: Database, now: Date): Promise<Finding[]>;
}

export interface TenantCheck {
  name: string;
  rule: string;
  run(scope: TenantScope): Promise<Finding[]>;
}

/** A domain's part of the report (credits, Stripe events, plans, orders, tiers…). */
export interface CheckDomain {
  name: string;
  /** Counts over its global tables. */
  globalCounts?: (db: Database, now: Date) => Promise<Record<string, number>>;
  /** Counts of one organization's rows; the report adds them up and shows each organization's. */
  tenantCounts?: (scope: TenantScope) => Promise<Record<string, number>>;
  /** Lines worth reading for one organization (its members' balances…). */
  tenantDetails?: (scope: TenantScope) => Promise<string[]>;
  globalChecks?: readonly GlobalCheck[];
  tenantChecks?: readonly TenantCheck[];
}

export interface CheckResult {
  domain: string;
  check: string;
  rule: string;
  /** Findings, each with the organization it was found in (tenant checks). */
  findings: Array<Finding & { organization?: string }>;
}

export interface CheckReport {
  organizations: number;
  counts: Array<{ domain: string; totals: Record<string, number> }>;
  byOrganization: Array<{
    organization: string;
    counts: Array<{ domain: string; counts: Record<string, number> }>;
    details: string[];
  }>;
  results: CheckResult[];
  /** How many findings in all: the command fails unless 0. */
  inconsistencies: number;
}

const BATCH = 500;

/** Runs every domain's counts and checks over the whole database. */
export async function runChecks(
  db: Database,
  domains: readonly CheckDomain[],
  options: { now?: Date } = {},
): Promise<CheckReport> {
  const now = options.now ?? systemClock.now();
  const clock: Clock = { now: () => now, toDatabase: (time) => time };
  const results = new Map<string, CheckResult>();
  const resultOf = (domain: string, check: { name: string; rule: string }) => {
    const key = `${domain}\u0000${check.name}`;
    let result = results.get(key);
    if (!result) {
      result = { domain, check: check.name, rule: check.rule, findings: [] };
      results.set(key, result);
    }
    return result;
  };
  // Every check gets its line, found or not.
  for (const domain of domains)
    for (const check of [...(domain.globalChecks ?? []), ...(domain.tenantChecks ?? [])])
      resultOf(domain.name, check);

  const totals = new Map<string, Record<string, number>>();
  const addTo = (domain: string, counts: Record<string, number>) => {
    const sum = totals.get(domain) ?? {};
    for (const [label, n] of Object.entries(counts)) sum[label] = (sum[label] ?? 0) + n;
    totals.set(domain, sum);
  };
  for (const domain of domains) {
    if (domain.globalCounts) addTo(domain.name, await domain.globalCounts(db, now));
    for (const check of domain.globalChecks ?? [])
      resultOf(domain.name, check).findings.push(...(await check.run(db, now)));
  }

  const byOrganization: CheckReport["byOrganization"] = [];
  let organizations = 0;
  let after: string | null = null;
  for (;;) {
    const batch: Array<{ id: string; slug: string }> = await db
      .select({ id: organization.id, slug: organization.slug })
      .from(organization)
      .where(after ? gt(organization.id, after) : undefined)
      .orderBy(asc(organization.id))
      .limit(BATCH);
    for (const org of batch) {
      organizations++;
      const entry: CheckReport["byOrganization"][number] = {
        organization: org.slug,
        counts: [],
        details: [],
      };
      await withTenant(db, asSystem(org.id, "db:check", clock), async (scope) => {
        for (const domain of domains) {
          if (domain.tenantCounts) {
            const counts = await domain.tenantCounts(scope);
            addTo(domain.name, counts);
            entry.counts.push({ domain: domain.name, counts });
          }
          if (domain.tenantDetails) entry.details.push(...(await domain.tenantDetails(scope)));
          for (const check of domain.tenantChecks ?? [])
            resultOf(domain.name, check).findings.push(
              ...(await check.run(scope)).map((f) => ({ ...f, organization: org.slug })),
            );
        }
      });
      byOrganization.push(entry);
    }
    if (batch.length < BATCH) break;
    after = batch.at(-1)?.id ?? after;
  }

  const list = [...results.values()];
  return {
    organizations,
    counts: domains.flatMap((d) => {
      const t = totals.get(d.name);
      return t ? [{ domain: d.name, totals: t }] : [];
    }),
    byOrganization,
    results: list,
    inconsistencies: list.reduce((n, r) => n + r.findings.length, 0),
  };
}

const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([label, n]) => `${label} ${n.toLocaleString("en-US")}`)
    .join(", ");

/** The report as the command prints it. */
export function formatReport(report: CheckReport): string[] {
  const lines = [`Organizations: ${report.organizations}`];
  for (const { domain, totals } of report.counts)
    lines.push(`${domain}: ${describeCounts(totals)}`);
  for (const org of report.byOrganization) {
    const counted = org.counts.filter((c) => Object.values(c.counts).some((n) => n !== 0));
    if (counted.length === 0 && org.details.length === 0) continue;
    lines.push(`  ${org.organization}`);
    for (const c of counted) lines.push(`    ${c.domain}: ${describeCounts(c.counts)}`);
    for (const detail of org.details) lines.push(`    ${detail}`);
  }
  lines.push("", "Checks:");
  for (const result of report.results) {
    const n = result.findings.length;
    lines.push(
      `  ${n === 0 ? "ok  " : "FAIL"}  ${result.domain}: ${result.rule}${n === 0 ? "" : ` (${n} found)`}`,
    );
    for (const f of result.findings)
      lines.push(
        `          ${f.organization ? `${f.organization}: ` : ""}${f.subject}: ${f.detail}`,
      );
  }
  lines.push(
    "",
    report.inconsistencies === 0
      ? "No inconsistencies."
      : `${report.inconsistencies} inconsistenc${report.inconsistencies === 1 ? "y" : "ies"} found.`,
  );
  return lines;
}
