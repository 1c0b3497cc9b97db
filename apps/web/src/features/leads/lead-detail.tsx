import { can } from "@guild/api/policies/lead";
import { Link, useNavigate } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { Button, ButtonLink } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { SelectField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { TruncatedText } from "../../components/truncated-text.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime, formatMoney } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { LeadTasks } from "../tasks/lead-tasks.tsx";
import { LeadAttachments } from "./lead-attachments.tsx";
import { isOpenStatus, type Lead, leadStatuses, sourceLabel, statusLabel } from "./lead-labels.tsx";
import { LeadTimeline } from "./lead-timeline.tsx";
import { useChangeLeadStatus, useDeletedLeadsToast, useRemoveLeads } from "./use-leads.ts";
import { WithLead } from "./with-lead.tsx";

export function LeadDetail({ leadId }: { leadId: string }) {
  return <WithLead leadId={leadId}>{(lead) => <LeadDetailView data={lead} />}</WithLead>;
}

function LeadDetailView({ data }: { data: Lead }) {
  const leadId = data.id;
  const organization = useCurrentOrganization();
  const { slug } = organization;
  const navigate = useNavigate();
  const changeStatus = useChangeLeadStatus();
  const remove = useRemoveLeads();
  const announceDeleted = useDeletedLeadsToast();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="flex min-w-0 gap-1.5 text-sm text-muted-foreground">
        <Link to="/o/$slug/leads" params={{ slug }} className="shrink-0 hover:underline">
          All leads
        </Link>
        <span aria-hidden="true">/</span>
        <TruncatedText className="min-w-0 text-foreground">{data.name}</TruncatedText>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere text-foreground">
            <TruncatedText lines={2}>{data.name}</TruncatedText>
          </h1>
          {data.company && (
            <p className="mt-1 text-sm wrap-anywhere text-muted-foreground">{data.company}</p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <ButtonLink
            to="/o/$slug/leads/$leadId/edit"
            params={{ slug, leadId }}
            variant="secondary"
          >
            Edit
          </ButtonLink>
          {can(organization.membership, "delete") && (
            <Button variant="danger" onClick={() => setConfirmingDelete(true)}>
              Delete
            </Button>
          )}
        </div>
      </div>

      {/* min-w-0: a grid column is otherwise as wide as its longest unbroken word (a URL in the notes). */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        <div className="min-w-0 space-y-6 lg:col-span-2 lg:row-span-2">
          <Card title="Details">
            <dl className="grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2">
              <Detail term="Value">
                <span className="text-lg font-semibold tabular-nums">
                  {formatMoney(data.valueCents)}
                </span>
              </Detail>
              <Detail term="Source">{sourceLabel(data.source)}</Detail>
              <Detail term="Email">
                {data.email ? (
                  <a
                    href={`mailto:${data.email}`}
                    className="text-accent-foreground hover:underline"
                  >
                    {data.email}
                  </a>
                ) : (
                  "—"
                )}
              </Detail>
              <Detail term="Phone">
                {data.phone ? (
                  <a href={`tel:${data.phone}`} className="text-accent-foreground hover:underline">
                    {data.phone}
                  </a>
                ) : (
                  "—"
                )}
              </Detail>
              <Detail term="Company">{data.company ?? "—"}</Detail>
              <Detail term="Owner">{data.ownerName ?? "No owner"}</Detail>
              <Detail term="Added">{formatDateTime(data.createdAt)}</Detail>
              <Detail term="Last updated">{formatDateTime(data.updatedAt)}</Detail>
            </dl>
          </Card>
          <Card title="Notes">
            {data.notes ? (
              <p className="text-sm whitespace-pre-wrap wrap-anywhere text-foreground">
                {data.notes}
              </p>
            ) : (
              <p className="text-sm text-muted-foreground">No notes yet.</p>
            )}
          </Card>
          <LeadTasks lead={data} />
          <LeadAttachments leadId={leadId} />
        </div>
        {/* The stage is what people change most: first on phones, beside the details on wide screens. */}
        <div className="order-first min-w-0 lg:order-none">
          <Card title="Stage">
            <div className="space-y-3">
              <SelectField
                id="lead-detail-status"
                label="Status"
                value={data.status}
                disabled={changeStatus.isPending}
                onChange={(event) => {
                  const status = leadStatuses.find((s) => s === event.target.value);
                  if (status && status !== data.status) changeStatus.mutate({ id: leadId, status });
                }}
              >
                {leadStatuses.map((status) => (
                  <option key={status} value={status}>
                    {statusLabel(status)}
                  </option>
                ))}
              </SelectField>
              <p role="status" className="text-sm text-muted-foreground">
                {changeStatus.isPending
                  ? "Saving…"
                  : changeStatus.isSuccess
                    ? `Moved to ${statusLabel(data.status)}.`
                    : isOpenStatus(data.status)
                      ? "An open deal."
                      : data.status === "won"
                        ? "Won."
                        : "Closed as lost."}
              </p>
              {changeStatus.error && <FormAlert>{errorMessage(changeStatus.error)}</FormAlert>}
            </div>
          </Card>
        </div>
        {/* Under the stage on wide screens (the left column spans both rows), last on phones. */}
        <div className="min-w-0 lg:self-start">
          <LeadTimeline leadId={leadId} />
        </div>
      </div>

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete ${data.name}?`}
        confirmLabel="Delete lead"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setConfirmingDelete(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(
            { ids: [leadId] },
            {
              onSuccess: () => {
                announceDeleted([leadId], data.name);
                void navigate({ to: "/o/$slug/leads", params: { slug }, replace: true });
              },
            },
          )
        }
      >
        <p>It is removed for everyone in {organization.name}. You can undo it right after.</p>
      </ConfirmDialog>
    </div>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{term}</dt>
      <dd className="mt-1 text-sm wrap-anywhere text-foreground">{children}</dd>
    </div>
  );
}
