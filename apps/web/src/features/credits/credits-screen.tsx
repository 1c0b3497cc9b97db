import type { RouterOutputs } from "@guild/api";
import { hasRole } from "@guild/db/enums";
import { Card, PageHeader } from "../../components/card.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { PaymentHistory } from "../payments/payment-history.tsx";
import { BuyCredits } from "./buy-credits.tsx";
import { CheckoutReturn } from "./checkout-return.tsx";
import { GiveCredits } from "./give-credits.tsx";
import { useCreditBalance, useCreditHistory } from "./use-credits.ts";

type CreditEntry = RouterOutputs["credit"]["history"]["items"][number];

const credits = (n: number) => `${n.toLocaleString()} ${Math.abs(n) === 1 ? "credit" : "credits"}`;

/** Signed, as the ledger reads: +10, −3 (a real minus sign), 0. */
const signed = (n: number) =>
  n > 0 ? `+${n.toLocaleString()}` : n < 0 ? `−${(-n).toLocaleString()}` : "0";

const kindLabels: Record<CreditEntry["kind"], string> = {
  signup_bonus: "Welcome bonus",
  monthly_grant: "Monthly grant",
  purchase: "Purchase",
  admin_bonus: "Bonus",
  spend: "Spent",
  expiry: "Expired",
  refund: "Refund",
  spend_refund: "Given back",
};

export function CreditsScreen() {
  const me = useCurrentOrganization().membership;
  const balance = useCreditBalance();
  const history = useCreditHistory();
  const entries = history.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Credits"
        description="What you have to spend in this organization, and every change to it."
      />
      <div className="flex flex-col gap-6">
        <CheckoutReturn />
        <Card title="Balance">
          {balance.isPending ? (
            <LoadingState label="Loading your balance…" />
          ) : balance.error ? (
            <ErrorState error={balance.error} onRetry={() => void balance.refetch()} />
          ) : (
            <div className="flex flex-col gap-1">
              <p className="text-3xl font-semibold tabular-nums text-foreground">
                {credits(balance.data.balance)}
              </p>
              <p className="text-sm text-muted-foreground">
                {balance.data.nextExpiry
                  ? `${credits(balance.data.nextExpiry.amount)} expire on ${formatDate(balance.data.nextExpiry.at)} unless spent first (the soonest to expire are spent first).`
                  : "None of them expire."}
              </p>
            </div>
          )}
        </Card>
        {history.isPending ? (
          <LoadingState label="Loading your credit history…" />
        ) : history.error ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : entries.length === 0 ? (
          <EmptyState title="No credits yet">
            Credits you receive and spend in this organization will be listed here.
          </EmptyState>
        ) : (
          <section
            aria-label="Credit history"
            className="rounded-lg border border-border bg-surface shadow-sm"
          >
            <h2 className="border-b border-border px-4 py-3 text-base font-semibold text-foreground sm:px-6">
              History
            </h2>
            <ul className="divide-y divide-border">
              {entries.map((entry) => (
                <CreditEntryRow key={entry.id} entry={entry} />
              ))}
            </ul>
            <LoadMore list={history} failure="Could not load more of your history." />
          </section>
        )}
        <BuyCredits />
        <PaymentHistory scope="mine" title="Your payments" />
        {/* Admins give bonuses (credit.adminGrant); the API refuses anyone else. */}
        {hasRole(me.role, "admin") && <GiveCredits />}
      </div>
    </>
  );
}

function CreditEntryRow({ entry }: { entry: CreditEntry }) {
  const tone =
    entry.amount > 0
      ? "text-success"
      : entry.amount < 0
        ? "text-foreground"
        : "text-muted-foreground";
  return (
    <li className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 px-4 py-3 sm:px-6">
      <div className="min-w-0 flex-1">
        <p className="text-sm wrap-anywhere text-foreground">{entry.description}</p>
        <p className="text-xs text-muted-foreground">
          {kindLabels[entry.kind]} ·{" "}
          <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time>
          {entry.expiresAt && entry.amount > 0 && ` · expires ${formatDate(entry.expiresAt)}`}
        </p>
      </div>
      <div className="text-right tabular-nums">
        <p className={`text-sm font-semibold ${tone}`}>
          <span className="sr-only">
            {entry.amount < 0 ? "minus " : entry.amount > 0 ? "plus " : ""}
          </span>
          <span aria-hidden="true">{signed(entry.amount)}</span>
          <span className="sr-only">{Math.abs(entry.amount).toLocaleString()}</span>
        </p>
        <p className="text-xs text-muted-foreground">
          Balance {entry.balanceAfter.toLocaleString()}
        </p>
      </div>
    </li>
  );
}
