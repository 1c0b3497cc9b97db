import type { RouterOutputs } from "@guild/api";
import { hasRole } from "@guild/db/enums";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { EmptyState, ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatAmount, formatDate } from "../../lib/format.ts";
import { LeaveOrganization } from "../members/leave-organization.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { TierOpenings } from "../spaces/tier-openings.tsx";
import { ConnectSection } from "./connect-section.tsx";
import { TierForm } from "./tier-form.tsx";
import { TierMembers } from "./tier-members.tsx";
import type { TierSearch } from "./tier-search.ts";
import { useMyTier, useTierMutations, useTiers } from "./use-tiers.ts";

type Tier = RouterOutputs["memberTier"]["list"][number];
type MyTier = NonNullable<RouterOutputs["memberTier"]["mine"]>;
type Interval = "month" | "year" | "lifetime";

const stateLabels: Record<MyTier["status"], string> = {
  active: "Active",
  trialing: "Trial",
  past_due: "Payment failed",
  unpaid: "Unpaid",
  canceled: "Ended",
  none: "Not started",
};

/** "$9.00 a month · $90.00 a year · $300.00 once", or "Free". */
function priceSummary(tier: Tier): string {
  const parts: string[] = [];
  if (tier.monthlyPrice !== null)
    parts.push(`${formatAmount(tier.monthlyPrice, tier.currency)} a month`);
  if (tier.yearlyPrice !== null)
    parts.push(`${formatAmount(tier.yearlyPrice, tier.currency)} a year`);
  if (tier.lifetimePrice !== null)
    parts.push(`${formatAmount(tier.lifetimePrice, tier.currency)} once, for life`);
  return parts.length ? parts.join(" · ") : "Free";
}

/**
 * Member tiers: the caller's own tier (cancel or resume it), the tiers on offer (buy one through
 * Stripe's checkout, or take a free one) and, for admins, Stripe Connect, the catalog and who has
 * which tier (with comped grants).
 */
export function TiersScreen({
  search,
  onSearchChange,
}: {
  search: TierSearch;
  onSearchChange: (next: TierSearch) => void;
}) {
  const me = useCurrentOrganization().membership;
  const isAdmin = hasRole(me.role, "admin");
  const tiers = useTiers(isAdmin);
  const mine = useMyTier(search.checkout === "success");
  const [editing, setEditing] = useState<Tier | "new" | null>(null);
  const offered = (tiers.data ?? []).filter((t) => t.status === "active");

  return (
    <>
      <PageHeader
        title="Member tiers"
        description="What members of this organization can join, and what you have."
      />
      <div className="flex flex-col gap-6">
        {search.checkout === "canceled" && (
          <FormAlert>Checkout was cancelled: nothing was charged.</FormAlert>
        )}
        <Card title="Your tier">
          {mine.isPending ? (
            <LoadingState label="Loading your tier…" />
          ) : mine.error ? (
            <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
          ) : (
            <section aria-label="Your tier">
              <MyTierPanel tier={mine.data} confirming={search.checkout === "success"} />
            </section>
          )}
        </Card>
        <section aria-labelledby="tiers-offered" className="flex flex-col gap-3">
          <h2 id="tiers-offered" className="text-base font-semibold text-foreground">
            Tiers
          </h2>
          {tiers.isPending ? (
            <LoadingState label="Loading tiers…" />
          ) : tiers.error ? (
            <ErrorState error={tiers.error} onRetry={() => void tiers.refetch()} />
          ) : offered.length === 0 ? (
            <EmptyState title="No tiers yet">
              {isAdmin ? "Create the first tier below." : "This organization offers no tiers yet."}
            </EmptyState>
          ) : (
            <ul className="grid gap-4 md:grid-cols-2">
              {offered.map((tier) => (
                <TierCard key={tier.id} tier={tier} current={mine.data ?? null} />
              ))}
            </ul>
          )}
        </section>
        {isAdmin && (
          <>
            <ConnectSection
              arrival={search.connect}
              onArrivalHandled={() => onSearchChange({ ...search, connect: undefined })}
            />
            {editing ? (
              <TierForm
                {...(editing === "new" ? {} : { tier: editing })}
                onDone={() => setEditing(null)}
              />
            ) : (
              <ManageTiers tiers={tiers.data ?? []} onEdit={setEditing} />
            )}
            <TierMembers tiers={offered} />
          </>
        )}
        {/* Your membership ends here too: plain members have no directory to leave from. */}
        <LeaveOrganization />
      </div>
    </>
  );
}

function MyTierPanel({ tier, confirming }: { tier: MyTier | null; confirming: boolean }) {
  const { cancel, resume } = useTierMutations();
  const failure = cancel.error ?? resume.error;
  if (!tier || (!tier.active && tier.status !== "past_due"))
    return (
      <p className="text-sm text-foreground" role="status">
        {confirming
          ? "Payment received: waiting for Stripe to confirm your tier…"
          : tier
            ? `Your ${tier.tier.name} tier has ended. Choose a tier below.`
            : "You have no tier. Choose one below."}
      </p>
    );
  const how =
    tier.source === "comp"
      ? "Given to you by an admin"
      : tier.source === "free"
        ? "Free"
        : tier.interval === "lifetime"
          ? "Paid once, for life"
          : `Paid by the ${tier.interval ?? "month"}`;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-lg font-semibold text-foreground" data-testid="my-tier-name">
        {tier.tier.name}
      </p>
      <p className="text-sm text-muted-foreground">
        {stateLabels[tier.status]} · {how}
        {tier.currentPeriodEnd &&
          (tier.cancelAtPeriodEnd
            ? ` · ends on ${formatDate(tier.currentPeriodEnd)}`
            : ` · renews on ${formatDate(tier.currentPeriodEnd)}`)}
      </p>
      {tier.status === "past_due" && (
        <FormAlert>
          Your last payment failed. Pay it with Stripe to keep your tier.
          {tier.unpaidInvoice && (
            <>
              {" "}
              <a
                href={tier.unpaidInvoice.url}
                target="_blank"
                rel="noreferrer"
                className="font-medium underline underline-offset-2"
              >
                Pay {formatAmount(tier.unpaidInvoice.amount, tier.unpaidInvoice.currency)}
                <span className="sr-only"> now (opens in a new tab)</span>
              </a>
            </>
          )}
        </FormAlert>
      )}
      {failure && <FormAlert>{errorMessage(failure)}</FormAlert>}
      <div className="flex flex-wrap gap-2">
        {tier.source === "stripe" &&
          tier.interval !== "lifetime" &&
          (tier.cancelAtPeriodEnd ? (
            <Button
              type="button"
              variant="secondary"
              pending={resume.isPending}
              onClick={() =>
                resume.mutate(undefined, { onSuccess: () => toast.success("Your tier goes on.") })
              }
            >
              Resume tier
            </Button>
          ) : (
            <Button
              type="button"
              variant="secondary"
              pending={cancel.isPending}
              onClick={() =>
                cancel.mutate(undefined, {
                  onSuccess: () => toast.success("Your tier ends at the end of this period."),
                })
              }
            >
              Cancel tier
            </Button>
          ))}
        {tier.source === "free" && (
          <Button
            type="button"
            variant="secondary"
            pending={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            Leave tier
          </Button>
        )}
      </div>
    </div>
  );
}

function TierCard({ tier, current }: { tier: Tier; current: MyTier | null }) {
  const { checkout, chooseFree } = useTierMutations();
  const holds = current?.active && current.tier.id === tier.id;
  const paysNow = current?.active && current.source === "stripe";
  const free =
    tier.monthlyPrice === null && tier.yearlyPrice === null && tier.lifetimePrice === null;
  const buy = (interval: Interval) =>
    checkout.mutate(
      { tierId: tier.id, interval },
      { onSuccess: ({ url }) => window.location.assign(url) },
    );
  const options: { interval: Interval; price: number | null; label: string }[] = [
    { interval: "month", price: tier.monthlyPrice, label: "Monthly" },
    { interval: "year", price: tier.yearlyPrice, label: "Yearly" },
    { interval: "lifetime", price: tier.lifetimePrice, label: "Lifetime" },
  ];
  const failure = checkout.error ?? chooseFree.error;
  return (
    <li
      aria-label={tier.name}
      className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4 shadow-sm"
    >
      <div>
        <h3 className="text-base font-semibold wrap-anywhere text-foreground">{tier.name}</h3>
        <p className="text-sm text-muted-foreground">{priceSummary(tier)}</p>
        {tier.maxLessonLevel !== null && (
          <p className="text-sm text-muted-foreground">Lessons up to level {tier.maxLessonLevel}</p>
        )}
        {tier.trialDays > 0 && !free && (
          <p className="text-sm text-muted-foreground">{tier.trialDays}-day free trial</p>
        )}
        {tier.description && (
          <p className="mt-2 text-sm wrap-anywhere text-foreground">{tier.description}</p>
        )}
      </div>
      <TierOpenings tierId={tier.id} />
      {failure && <FormAlert>{errorMessage(failure)}</FormAlert>}
      {holds ? (
        <p className="text-sm font-medium text-success">Your tier</p>
      ) : paysNow ? null : free ? (
        <div>
          <Button
            type="button"
            variant="secondary"
            pending={chooseFree.isPending}
            onClick={() =>
              chooseFree.mutate(
                { tierId: tier.id },
                { onSuccess: () => toast.success(`You joined ${tier.name}.`) },
              )
            }
          >
            Join {tier.name}
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {options
            .filter((o) => o.price !== null)
            .map((o) => (
              <Button
                key={o.interval}
                type="button"
                variant={o.interval === "month" ? "primary" : "secondary"}
                pending={checkout.isPending && checkout.variables?.interval === o.interval}
                disabled={checkout.isPending}
                aria-label={`Buy ${tier.name} ${o.label.toLowerCase()}`}
                onClick={() => buy(o.interval)}
              >
                {o.label}
              </Button>
            ))}
        </div>
      )}
    </li>
  );
}

function ManageTiers({ tiers, onEdit }: { tiers: Tier[]; onEdit: (tier: Tier | "new") => void }) {
  const { archive } = useTierMutations();
  return (
    <Card
      title="Manage tiers"
      description="Prices are charged into the connected Stripe account; a tier without prices is free."
      actions={
        <Button type="button" size="sm" onClick={() => onEdit("new")}>
          New tier
        </Button>
      }
    >
      {archive.error && <FormAlert>{errorMessage(archive.error)}</FormAlert>}
      {tiers.length === 0 ? (
        <p className="text-sm text-muted-foreground">No tiers yet.</p>
      ) : (
        <ul className="divide-y divide-border">
          {tiers.map((tier) => (
            <li key={tier.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="text-sm font-medium wrap-anywhere text-foreground">
                  {tier.name}
                  {tier.status === "archived" && (
                    <span className="text-muted-foreground"> (archived)</span>
                  )}
                </p>
                <p className="text-xs text-muted-foreground">{priceSummary(tier)}</p>
              </div>
              <div className="flex gap-1">
                <Button
                  type="button"
                  size="sm"
                  variant="ghost"
                  aria-label={`Edit ${tier.name}`}
                  onClick={() => onEdit(tier)}
                >
                  Edit
                </Button>
                <Button
                  type="button"
                  size="sm"
                  variant="ghost"
                  aria-label={`${tier.status === "archived" ? "Restore" : "Archive"} ${tier.name}`}
                  onClick={() =>
                    archive.mutate({ id: tier.id, archived: tier.status !== "archived" })
                  }
                >
                  {tier.status === "archived" ? "Restore" : "Archive"}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
