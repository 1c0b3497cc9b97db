import type { RouterOutputs } from "@guild/api";
import { LoadMore } from "../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatAmount, formatDate } from "../../lib/format.ts";
import { type PaymentHistoryScope, usePaymentHistory } from "./use-payments.ts";

type Payment = RouterOutputs["payment"]["memberHistory"]["items"][number];

const statusLabels: Record<Payment["status"], string> = {
  pending: "Pending",
  paid: "Paid",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
  failed: "Failed",
  draft: "Draft",
  open: "Due",
  payment_failed: "Payment failed",
  uncollectible: "Uncollectible",
  void: "Void",
};

const statusTone: Record<Payment["status"], string> = {
  pending: "bg-muted text-muted-foreground",
  paid: "bg-success-muted text-success",
  refunded: "bg-muted text-muted-foreground",
  partially_refunded: "bg-muted text-muted-foreground",
  failed: "bg-danger-muted text-danger",
  draft: "bg-muted text-muted-foreground",
  open: "bg-muted text-muted-foreground",
  payment_failed: "bg-danger-muted text-danger",
  uncollectible: "bg-danger-muted text-danger",
  void: "bg-muted text-muted-foreground",
};

/**
 * Payment history: orders (credit packs, lifetime purchases) and invoices (the plan's, members'
 * tiers'), newest first, each linking to Stripe's hosted invoice or receipt. "mine" is the
 * caller's own; "organization" everything paid in the organization (admins: the billing
 * settings screen embeds it).
 */
export function PaymentHistory({
  scope,
  title = "Payment history",
}: {
  scope: PaymentHistoryScope;
  title?: string;
}) {
  const history = usePaymentHistory(scope);
  const payments = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-surface shadow-sm">
      <h2 className="border-b border-border px-4 py-3 text-base font-semibold text-foreground sm:px-6">
        {title}
      </h2>
      {history.isPending ? (
        <LoadingState label="Loading payments…" />
      ) : history.error ? (
        <div className="p-4 sm:p-6">
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        </div>
      ) : payments.length === 0 ? (
        <div className="p-4 sm:p-6">
          <EmptyState title="No payments yet">
            {scope === "mine"
              ? "Credits you buy and memberships you pay for will be listed here."
              : "Invoices and purchases in this organization will be listed here."}
          </EmptyState>
        </div>
      ) : (
        <>
          <ul className="divide-y divide-border">
            {payments.map((payment) => (
              <PaymentRow key={payment.id} payment={payment} showPayer={scope === "organization"} />
            ))}
          </ul>
          <LoadMore list={history} failure="Could not load more payments." />
        </>
      )}
    </section>
  );
}

function PaymentRow({ payment, showPayer }: { payment: Payment; showPayer: boolean }) {
  const period =
    payment.periodStart && payment.periodEnd && payment.periodEnd > payment.periodStart
      ? `${formatDate(payment.periodStart)} – ${formatDate(payment.periodEnd)}`
      : null;
  return (
    <li className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 px-4 py-3 sm:px-6">
      <div className="min-w-0 flex-1">
        <p className="text-sm wrap-anywhere text-foreground">{payment.description}</p>
        <p className="text-xs text-muted-foreground">
          <time dateTime={payment.at.toISOString()}>{formatDate(payment.at)}</time>
          {period && ` · ${period}`}
          {showPayer && ` · ${payment.payerName ?? "Organization plan"}`}
          {payment.credits !== null && ` · ${payment.credits.toLocaleString()} credits`}
        </p>
      </div>
      <div className="flex flex-col items-end gap-1 text-right">
        <p className="text-sm font-semibold tabular-nums text-foreground">
          {formatAmount(payment.amount, payment.currency)}
        </p>
        <p className="flex flex-wrap items-center justify-end gap-2 text-xs">
          <span className={`rounded-full px-2 py-0.5 font-medium ${statusTone[payment.status]}`}>
            {statusLabels[payment.status]}
            {payment.amountRefunded > 0 &&
              payment.status === "partially_refunded" &&
              ` (${formatAmount(payment.amountRefunded, payment.currency)})`}
          </span>
          {payment.url && (
            <a
              href={payment.url}
              target="_blank"
              rel="noreferrer"
              className="font-medium text-accent-foreground underline-offset-2 hover:underline focus-visible:underline"
            >
              {payment.kind === "invoice" ? "Invoice" : "Receipt"}
              <span className="sr-only"> for {payment.description} (opens in a new tab)</span>
            </a>
          )}
        </p>
      </div>
    </li>
  );
}
