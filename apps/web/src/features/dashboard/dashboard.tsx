import { hasBackOffice } from "@guild/api/policies/back-office";
import type { MemberRole } from "@guild/db/enums";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { lazy, type ReactNode, Suspense } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { CompactMoney } from "../../components/money.tsx";
import { NearViewport } from "../../components/near-viewport.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDate } from "../../lib/format.ts";
import { optionalOneOf } from "../../lib/search-params.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useHasCrmAccess } from "../leads/crm-access.tsx";
import { isOpenStatus, type LeadStatus, StatusBadge, statusLabel } from "../leads/lead-labels.tsx";
import { roleLabel } from "../members/role-label.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { HomeFeed } from "../posts/post-feed.tsx";
import {
  type DashboardSearch,
  dashboardPeriods,
  dashboardPeriodValues,
  recentLeadsInput,
  salesReportInput,
} from "./dashboard-search.ts";
import { OnboardingChecklist, WelcomeBanner } from "./onboarding.tsx";

/**
 * /o/$slug: where people land. Plain members land in the member view, on their home feed; staff
 * (policies/back-office.ts hasBackOffice) on the organization at a glance: the CRM's staff the
 * sales report (lead.salesReport), the community's moderators who they are here and where to go.
 */
interface DashboardProps {
  search: DashboardSearch;
  onSearchChange: (next: DashboardSearch) => void;
}

export function Dashboard(props: DashboardProps) {
  const crm = useHasCrmAccess();
  const staff = hasBackOffice(useCurrentOrganization().membership);
  if (!staff) return <MemberHome />;
  return crm ? <PipelineDashboard {...props} /> : <MemberDashboard />;
}

/** A plain member's home: the posts of every space they can see. */
function MemberHome() {
  const organization = useCurrentOrganization();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={organization.name} description="Posts from every space you can see." />
      <WelcomeBanner />
      <HomeFeed slug={organization.slug} title="Home feed" />
    </div>
  );
}

function youAre(role: MemberRole): string {
  return `You are ${articleFor(roleLabel(role))} ${roleLabel(role).toLowerCase()} of this organization.`;
}

function MemberDashboard() {
  const organization = useCurrentOrganization();
  const { slug } = organization;
  return (
    <>
      <PageHeader title={organization.name} description={youAre(organization.membership.role)} />
      <WelcomeBanner />
      <OnboardingChecklist />
      <div className="mb-6">
        <HomeFeed slug={slug} />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Members" description={`The people of ${organization.name}.`}>
          <ButtonLink to="/o/$slug/members" params={{ slug }} variant="secondary">
            See the members
          </ButtonLink>
        </Card>
        <Card title="CRM" description="Leads and the pipeline are for the organization's staff.">
          <p className="text-sm text-muted-foreground">
            You do not have CRM access. An admin or owner can give it to you from the Members page.
          </p>
        </Card>
      </div>
    </>
  );
}

const WonChart = lazy(() => import("./won-chart.tsx"));

function PipelineDashboard({ search, onSearchChange }: DashboardProps) {
  const organization = useCurrentOrganization();
  const { slug } = organization;
  const period = search.period ?? "all";
  const mine = search.mine ?? false;
  const trpc = useOrgTRPC();
  const report = useQuery({
    ...trpc.lead.salesReport.queryOptions(salesReportInput(search)),
    // A new period or "my deals" keeps the figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  const recent = useQuery(trpc.lead.list.queryOptions(recentLeadsInput));

  return (
    <>
      <PageHeader
        title={organization.name}
        description={youAre(organization.membership.role)}
        actions={
          <ButtonLink to="/o/$slug/leads/new" params={{ slug }}>
            Add a lead
          </ButtonLink>
        }
      />
      <WelcomeBanner />
      <OnboardingChecklist />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-sm text-foreground">
          <span>Leads created</span>
          <select
            className="select-chevron rounded-md border-0 bg-surface py-1.5 pr-8 pl-2 text-sm ring-1 ring-input ring-inset"
            value={period}
            onChange={(event) => {
              const next = optionalOneOf(dashboardPeriodValues, event.target.value);
              onSearchChange({ ...search, period: next === "all" ? undefined : next });
            }}
          >
            {Object.entries(dashboardPeriods).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm text-foreground">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={mine}
            onChange={(event) =>
              onSearchChange({ ...search, mine: event.target.checked ? true : undefined })
            }
          />
          My deals
        </label>
        {report.isFetching && !report.isPending && (
          <span role="status" className="text-xs text-muted-foreground">
            Updating…
          </span>
        )}
      </div>
      {report.isPending ? (
        <LoadingState label="Loading the sales report…" />
      ) : report.error ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <div className="space-y-6">
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Stat
              term="Open deals"
              value={
                <CompactMoney
                  cents={sum(
                    report.data.stages.filter((c) => isOpenStatus(c.status)),
                    "valueCents",
                  )}
                />
              }
              detail={`${sum(
                report.data.stages.filter((c) => isOpenStatus(c.status)),
                "count",
              )} in progress`}
            />
            <Stat
              term="Won"
              value={
                <CompactMoney
                  cents={sum(
                    report.data.stages.filter((c) => c.status === "won"),
                    "valueCents",
                  )}
                />
              }
              detail={`${sum(
                report.data.stages.filter((c) => c.status === "won"),
                "count",
              )} closed`}
            />
            <Stat
              term="Lost"
              value={
                <CompactMoney
                  cents={sum(
                    report.data.stages.filter((c) => c.status === "lost"),
                    "valueCents",
                  )}
                />
              }
              detail={`${sum(
                report.data.stages.filter((c) => c.status === "lost"),
                "count",
              )} closed`}
            />
            <Stat term="All" value={String(sum(report.data.stages, "count"))} detail="in total" />
          </dl>

          {/* Columns of minmax(0, 1fr) and min-w-0 items: a long lead name is cut in its row
              instead of widening the whole grid past a phone's screen. */}
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
            <div className="min-w-0 space-y-6 lg:col-span-3">
              <Card
                title="By stage"
                description="Count and total value of each stage; bars by value."
              >
                <StageBars slug={slug} stages={report.data.stages} />
              </Card>
              <Card
                title="Won per month"
                description="Value of the leads won each month (UTC), among the period's leads."
              >
                {report.data.wonByMonth.length === 0 ? (
                  <EmptyState title="Nothing won yet">
                    Leads moved to Won show up here, by the month they were won.
                  </EmptyState>
                ) : (
                  <>
                    {/* Below the fold on a phone: the chart and its library load when scrolled to. */}
                    <NearViewport className="h-56">
                      <Suspense fallback={<LoadingState label="Loading the chart…" />}>
                        <WonChart months={report.data.wonByMonth} />
                      </Suspense>
                    </NearViewport>
                    <details className="mt-2 text-sm">
                      <summary className="cursor-pointer text-muted-foreground">
                        Show as a table
                      </summary>
                      <table className="mt-2 w-full text-left">
                        <caption className="sr-only">Won per month</caption>
                        <thead>
                          <tr className="text-xs text-muted-foreground">
                            <th scope="col" className="py-1 font-medium">
                              Month
                            </th>
                            <th scope="col" className="py-1 text-right font-medium">
                              Leads
                            </th>
                            <th scope="col" className="py-1 text-right font-medium">
                              Value
                            </th>
                          </tr>
                        </thead>
                        <tbody className="tabular-nums">
                          {report.data.wonByMonth.map((row) => (
                            <tr key={row.month} className="border-t border-border">
                              <th scope="row" className="py-1 font-normal">
                                {row.month}
                              </th>
                              <td className="py-1 text-right">{row.leads}</td>
                              <td className="py-1 text-right">
                                <CompactMoney cents={row.valueCents} />
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </details>
                  </>
                )}
              </Card>
            </div>
            <div className="min-w-0 space-y-6 lg:col-span-2">
              <Card
                title="Conversion"
                description="Of the leads that reached a stage, how many moved on."
              >
                <ul className="space-y-2 text-sm">
                  {report.data.conversion.map((step) => (
                    <li key={step.from} className="flex items-baseline justify-between gap-2">
                      <span className="min-w-0 text-foreground">
                        {statusLabel(step.from)} → {statusLabel(step.to)}
                      </span>
                      <span className="shrink-0 text-foreground tabular-nums">
                        <span className="font-semibold">
                          {step.rate === null ? "–" : `${Math.round(step.rate * 100)}%`}
                        </span>{" "}
                        <span className="text-xs text-muted-foreground">
                          {step.advanced} of {step.reached}
                        </span>
                      </span>
                    </li>
                  ))}
                </ul>
              </Card>
              <Card title="Recently added">
                {recent.isPending ? (
                  <LoadingState />
                ) : recent.error ? (
                  <ErrorState error={recent.error} onRetry={() => void recent.refetch()} />
                ) : recent.data.items.length === 0 ? (
                  <EmptyState title="Nothing yet">Leads you add show up here.</EmptyState>
                ) : (
                  <ul className="divide-y divide-border">
                    {recent.data.items.map((lead) => (
                      <li key={lead.id} className="flex items-center justify-between gap-3 py-2">
                        <div className="min-w-0">
                          <Link
                            to="/o/$slug/leads/$leadId"
                            params={{ slug, leadId: lead.id }}
                            className="block truncate text-sm font-medium text-foreground hover:underline"
                          >
                            {lead.name}
                          </Link>
                          <p className="text-xs text-muted-foreground">
                            {formatDate(lead.createdAt)}
                          </p>
                        </div>
                        <StatusBadge status={lead.status} />
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

/** One row per stage, its bar as long as its value against the largest stage's. */
function StageBars({
  slug,
  stages,
}: {
  slug: string;
  stages: ReadonlyArray<{ status: LeadStatus; count: number; valueCents: number }>;
}) {
  const max = Math.max(1, ...stages.map((c) => c.valueCents));
  return (
    <ul className="space-y-3">
      {stages.map((column) => (
        <li key={column.status}>
          <Link
            to="/o/$slug/leads"
            params={{ slug }}
            search={{ status: [column.status] }}
            className="group block rounded-md p-1 hover:bg-subtle"
          >
            <div className="flex items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-foreground group-hover:underline">
                {statusLabel(column.status)}
              </span>
              <span className="text-muted-foreground tabular-nums">
                {column.count} · <CompactMoney cents={column.valueCents} />
              </span>
            </div>
            <div className="mt-1 h-2 overflow-hidden rounded-full bg-muted" aria-hidden="true">
              <div
                className="h-full rounded-full bg-primary"
                style={{ width: `${(column.valueCents / max) * 100}%` }}
              />
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Stat({ term, value, detail }: { term: string; value: ReactNode; detail: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-border bg-surface p-4 shadow-sm">
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{term}</dt>
      <dd className="mt-1 text-xl font-semibold wrap-anywhere text-foreground tabular-nums">
        {value}
      </dd>
      <dd className="text-xs text-muted-foreground">{detail}</dd>
    </div>
  );
}

function sum<T extends { count: number; valueCents: number }>(
  rows: T[],
  field: "count" | "valueCents",
): number {
  return rows.reduce((total, row) => total + row[field], 0);
}

function articleFor(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}
