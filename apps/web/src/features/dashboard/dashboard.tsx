import type { MemberRole } from "@guild/db/enums";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { CompactMoney } from "../../components/money.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDate } from "../../lib/format.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useHasCrmAccess } from "../leads/crm-access.tsx";
import { isOpenStatus, StatusBadge, statusLabel } from "../leads/lead-labels.tsx";
import { usePipelineSummary } from "../leads/use-leads.ts";
import { roleLabel } from "../members/role-label.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";

/**
 * /o/$slug: the organization at a glance. The CRM's staff see the pipeline (lead.pipelineSummary);
 * everyone else, who they are here and where to go.
 */
export function Dashboard() {
  return useHasCrmAccess() ? <PipelineDashboard /> : <MemberDashboard />;
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
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Members" description={`The people of ${organization.name}.`}>
          <ButtonLink to="/o/$slug/members" params={{ slug }} variant="secondary">
            See the members
          </ButtonLink>
        </Card>
        <Card title="CRM" description="Leads and the pipeline are for the organization's staff.">
          <p className="text-sm text-slate-600">
            You do not have CRM access. An admin or owner can give it to you from the Members page.
          </p>
        </Card>
      </div>
    </>
  );
}

function PipelineDashboard() {
  const organization = useCurrentOrganization();
  const { slug } = organization;
  const summary = usePipelineSummary();
  const trpc = useOrgTRPC();
  const recent = useQuery(
    trpc.lead.list.queryOptions({ sort: "createdAt", order: "desc", limit: 5 }),
  );

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
      {summary.isPending ? (
        <LoadingState label="Loading pipeline summary…" />
      ) : summary.error ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <div className="space-y-6">
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Stat
              term="Open deals"
              value={
                <CompactMoney
                  cents={sum(
                    summary.data.filter((c) => isOpenStatus(c.status)),
                    "valueCents",
                  )}
                />
              }
              detail={`${sum(
                summary.data.filter((c) => isOpenStatus(c.status)),
                "count",
              )} in progress`}
            />
            <Stat
              term="Won"
              value={
                <CompactMoney
                  cents={sum(
                    summary.data.filter((c) => c.status === "won"),
                    "valueCents",
                  )}
                />
              }
              detail={`${sum(
                summary.data.filter((c) => c.status === "won"),
                "count",
              )} closed`}
            />
            <Stat
              term="Lost"
              value={
                <CompactMoney
                  cents={sum(
                    summary.data.filter((c) => c.status === "lost"),
                    "valueCents",
                  )}
                />
              }
              detail={`${sum(
                summary.data.filter((c) => c.status === "lost"),
                "count",
              )} closed`}
            />
            <Stat term="All" value={String(sum(summary.data, "count"))} detail="in total" />
          </dl>

          {/* Columns of minmax(0, 1fr) and min-w-0 items: a long lead name is cut in its row
              instead of widening the whole grid past a phone's screen. */}
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
            <div className="min-w-0 lg:col-span-3">
              <Card title="By stage" description="Count and total value of each stage.">
                <ul className="space-y-3">
                  {summary.data.map((column) => {
                    const max = Math.max(1, ...summary.data.map((c) => c.count));
                    return (
                      <li key={column.status}>
                        <Link
                          to="/o/$slug/leads"
                          params={{ slug }}
                          search={{ status: [column.status] }}
                          className="group block rounded-md p-1 hover:bg-slate-50"
                        >
                          <div className="flex items-baseline justify-between gap-2 text-sm">
                            <span className="font-medium text-slate-900 group-hover:underline">
                              {statusLabel(column.status)}
                            </span>
                            <span className="text-slate-600 tabular-nums">
                              {column.count} · <CompactMoney cents={column.valueCents} />
                            </span>
                          </div>
                          <div
                            className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100"
                            aria-hidden="true"
                          >
                            <div
                              className="h-full rounded-full bg-indigo-500"
                              style={{ width: `${(column.count / max) * 100}%` }}
                            />
                          </div>
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </Card>
            </div>
            <div className="min-w-0 lg:col-span-2">
              <Card title="Recently added">
                {recent.isPending ? (
                  <LoadingState />
                ) : recent.error ? (
                  <ErrorState error={recent.error} onRetry={() => void recent.refetch()} />
                ) : recent.data.items.length === 0 ? (
                  <EmptyState title="Nothing yet">Leads you add show up here.</EmptyState>
                ) : (
                  <ul className="divide-y divide-slate-100">
                    {recent.data.items.map((lead) => (
                      <li key={lead.id} className="flex items-center justify-between gap-3 py-2">
                        <div className="min-w-0">
                          <Link
                            to="/o/$slug/leads/$leadId"
                            params={{ slug, leadId: lead.id }}
                            className="block truncate text-sm font-medium text-slate-900 hover:underline"
                          >
                            {lead.name}
                          </Link>
                          <p className="text-xs text-slate-500">{formatDate(lead.createdAt)}</p>
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

function Stat({ term, value, detail }: { term: string; value: ReactNode; detail: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{term}</dt>
      <dd className="mt-1 text-xl font-semibold wrap-anywhere text-slate-900 tabular-nums">
        {value}
      </dd>
      <dd className="text-xs text-slate-500">{detail}</dd>
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
