import type { RouterOutputs } from "@guild/api";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { BrandLink } from "../../components/brand-link.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { describePrice } from "../billing/price.ts";

type CatalogPlan = RouterOutputs["plan"]["list"][number];
type Billing = "month" | "year";

/**
 * The public pricing page (signed out or in): Guild's plans from the catalog (`plan.list`), with
 * monthly or yearly prices, a lifetime price where a plan has one, and what each plan includes.
 * Choosing a plan happens in an organization's billing settings, so the call to action is to start
 * (sign up) or, for people who already have an organization, to go to it.
 */
export function PricingScreen() {
  const trpc = useTRPC();
  const plans = useQuery(trpc.plan.list.queryOptions());
  const [billing, setBilling] = useState<Billing>("month");

  return (
    <main id="main" className="mx-auto flex min-h-dvh w-full max-w-5xl flex-col gap-8 px-4 py-10">
      <header className="flex flex-col gap-2">
        <BrandLink />
        <h1 className="text-2xl font-semibold text-foreground">Pricing</h1>
        <p className="text-sm text-muted-foreground">
          Every organization starts on Free. Upgrade from its billing settings whenever you need
          more staff seats, members, spaces or courses; nothing is deleted if you go back down.
        </p>
      </header>
      <BillingToggle value={billing} onChange={setBilling} />
      {plans.isPending ? (
        <LoadingState label="Loading plans…" />
      ) : plans.error ? (
        <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
      ) : (
        <ul className="grid gap-4 md:grid-cols-3">
          {plans.data.map((plan) => (
            <PlanCard key={plan.key} plan={plan} billing={billing} />
          ))}
        </ul>
      )}
      <p className="text-sm text-muted-foreground">
        Already have an organization?{" "}
        <Link
          to="/"
          className="font-medium text-accent-foreground underline-offset-4 hover:underline"
        >
          Open it
        </Link>{" "}
        and choose a plan under Billing.
      </p>
    </main>
  );
}

function BillingToggle({ value, onChange }: { value: Billing; onChange: (next: Billing) => void }) {
  const name = useId();
  const options: { value: Billing; label: string }[] = [
    { value: "month", label: "Monthly" },
    { value: "year", label: "Yearly" },
  ];
  return (
    <fieldset className="flex flex-wrap items-center gap-3">
      <legend className="sr-only">Billing period</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className="flex cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-2 text-sm text-foreground has-checked:border-primary has-checked:bg-muted"
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

const limitLabels: { key: keyof CatalogPlan["entitlements"]; one: string; many: string }[] = [
  { key: "staffSeats", one: "staff seat", many: "staff seats" },
  { key: "communityMembers", one: "community member", many: "community members" },
  { key: "spaces", one: "space", many: "spaces" },
  { key: "courses", one: "course", many: "courses" },
];

function describeLimit(limit: number | null, one: string, many: string): string {
  if (limit === null) return `Unlimited ${many}`;
  return `${limit.toLocaleString()} ${limit === 1 ? one : many}`;
}

function describeStorage(bytes: number | null): string {
  if (bytes === null) return "Unlimited storage";
  const gib = bytes / 1024 ** 3;
  return gib >= 1024 ? `${gib / 1024} TiB storage` : `${gib} GiB storage`;
}

function PlanCard({ plan, billing }: { plan: CatalogPlan; billing: Billing }) {
  const headingId = useId();
  const recurring = plan.prices.find((price) => price.interval === billing);
  const lifetime = plan.prices.find((price) => price.interval === "lifetime");
  const { entitlements } = plan;
  return (
    <li
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-5 shadow-sm"
    >
      <h2 id={headingId} className="text-lg font-semibold text-foreground">
        {plan.name}
      </h2>
      {plan.description && <p className="text-sm text-muted-foreground">{plan.description}</p>}
      <p className="text-base font-medium text-foreground">
        {recurring
          ? describePrice(recurring)
          : plan.prices.length === 0
            ? "$0, free forever"
            : `Not billed ${billing === "month" ? "monthly" : "yearly"}`}
      </p>
      {lifetime && (
        <p className="text-sm text-muted-foreground">or {describePrice(lifetime)} (lifetime)</p>
      )}
      {plan.trialDays > 0 && (
        <p className="text-sm text-muted-foreground">{plan.trialDays}-day free trial</p>
      )}
      <ul className="flex flex-col gap-1 text-sm text-foreground">
        {limitLabels.map(({ key, one, many }) => (
          <li key={key}>{describeLimit(entitlements[key], one, many)}</li>
        ))}
        <li>
          {entitlements.monthlyCredits > 0
            ? `${entitlements.monthlyCredits.toLocaleString()} credits a month per member`
            : "No monthly credits"}
        </li>
        <li>{describeStorage(entitlements.storageBytes)}</li>
      </ul>
      <Link
        to="/sign-up"
        search={{}}
        className="mt-auto inline-flex h-10 items-center justify-center rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:opacity-90"
      >
        Get started
      </Link>
    </li>
  );
}
