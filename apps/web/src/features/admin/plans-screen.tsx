import type { RouterOutputs } from "@guild/api";
import { planUpdateInput } from "@guild/api/schemas/admin";
import type { PlanEntitlements } from "@guild/db/enums";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { TextareaField, TextField } from "../../components/field.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import type { FieldErrors } from "../../lib/errors.ts";
import { errorMessage } from "../../lib/errors.ts";
import { formatMoney } from "../../lib/format.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { useAdminPlans, useUpdatePlan } from "./use-admin.ts";

type AdminPlan = RouterOutputs["admin"]["plans"]["list"][number];

const limits: Array<{ key: keyof PlanEntitlements; label: string; unlimited: boolean }> = [
  { key: "staffSeats", label: "Staff seats", unlimited: true },
  { key: "communityMembers", label: "Community members", unlimited: true },
  { key: "spaces", label: "Spaces", unlimited: true },
  { key: "courses", label: "Courses", unlimited: true },
  { key: "monthlyCredits", label: "Monthly credits per member", unlimited: false },
  { key: "storageBytes", label: "Storage (bytes)", unlimited: true },
];

const intervalLabels = { month: "per month", year: "per year", lifetime: "once" } as const;

/** The plans every organization chooses from; prices are Stripe's and read-only here. */
export function AdminPlansScreen() {
  const plans = useAdminPlans();
  return (
    <>
      <PageHeader
        title="Plans"
        description="The catalog organizations subscribe to. Prices come from Stripe and are changed there."
      />
      {plans.isPending ? (
        <LoadingState label="Loading plans…" />
      ) : plans.error ? (
        <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
      ) : (
        <div className="flex flex-col gap-6">
          {plans.data.map((p) => (
            <PlanEditor key={p.id} plan={p} />
          ))}
        </div>
      )}
    </>
  );
}

/** Issues by the field they name: an entitlement's own key, or the top-level field. */
function issueFields(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) {
  const found: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path.at(-1) ?? "form");
    found[key] = [...(found[key] ?? []), issue.message];
  }
  return found;
}

function PlanEditor({ plan }: { plan: AdminPlan }) {
  const update = useUpdatePlan();
  const fieldErrors = useFieldErrors(update.error, (field) => field.replace(/^entitlements\./, ""));
  const { errors } = fieldErrors;
  const [name, setName] = useState(plan.name);
  const [description, setDescription] = useState(plan.description);
  const [trialDays, setTrialDays] = useState(String(plan.trialDays));
  const [active, setActive] = useState(plan.active);
  const [entitlements, setEntitlements] = useState<Record<string, string>>(() =>
    Object.fromEntries(limits.map((l) => [l.key, String(plan.entitlements[l.key] ?? "")])),
  );
  const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));
  const idPrefix = `plan-${plan.key}`;

  return (
    <Card
      title={`${plan.name}${plan.active ? "" : " (retired)"}`}
      description={`Key ${plan.key}${plan.stripeProductId ? ` · Stripe ${plan.stripeProductId}` : " · not linked to Stripe"}`}
    >
      <form
        noValidate
        aria-label={`Edit ${plan.name}`}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = planUpdateInput.safeParse({
            id: plan.id,
            name,
            description,
            active,
            trialDays: number(trialDays),
            entitlements: Object.fromEntries(
              limits.map((l) => {
                const text = entitlements[l.key] ?? "";
                // An empty limit is unlimited (monthly credits have no "unlimited": 0 is none).
                return [l.key, l.unlimited && text.trim() === "" ? null : number(text)];
              }),
            ),
          });
          if (!checked.success) {
            fieldErrors.submitted(issueFields(checked.error.issues));
            return;
          }
          fieldErrors.submitted({});
          update.mutate(checked.data, {
            onSuccess: () => toast.success(`${checked.data.name} saved.`),
          });
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id={`${idPrefix}-name`}
            label="Name"
            value={name}
            error={errors.name}
            onChange={(event) => {
              setName(event.target.value);
              fieldErrors.changedField("name");
            }}
          />
          <TextField
            id={`${idPrefix}-trial`}
            label="Trial days"
            type="number"
            inputMode="numeric"
            min={0}
            value={trialDays}
            error={errors.trialDays}
            onChange={(event) => {
              setTrialDays(event.target.value);
              fieldErrors.changedField("trialDays");
            }}
          />
        </div>
        <TextareaField
          id={`${idPrefix}-description`}
          label="Description"
          rows={2}
          value={description}
          error={errors.description}
          onChange={(event) => {
            setDescription(event.target.value);
            fieldErrors.changedField("description");
          }}
        />
        <fieldset>
          <legend className="text-sm font-medium text-foreground">
            Entitlements{" "}
            <span className="font-normal text-muted-foreground">(empty: unlimited)</span>
          </legend>
          <div className="mt-2 grid gap-4 sm:grid-cols-3">
            {limits.map((l) => (
              <TextField
                key={l.key}
                id={`${idPrefix}-${l.key}`}
                label={l.label}
                type="number"
                inputMode="numeric"
                min={0}
                value={entitlements[l.key] ?? ""}
                error={errors[l.key]}
                onChange={(event) => {
                  setEntitlements((previous) => ({ ...previous, [l.key]: event.target.value }));
                  fieldErrors.changedField(l.key);
                }}
              />
            ))}
          </div>
        </fieldset>
        <label className="flex items-center gap-2 text-sm text-foreground">
          <input
            type="checkbox"
            className="size-4 rounded border-input"
            checked={active}
            onChange={(event) => setActive(event.target.checked)}
          />
          Offered to new subscribers (a retired plan keeps its subscribers)
        </label>
        <div>
          <h3 className="text-sm font-medium text-foreground">Prices</h3>
          {plan.prices.length === 0 ? (
            <p className="text-sm text-muted-foreground">No price: this plan is free.</p>
          ) : (
            <ul className="mt-1 space-y-0.5 text-sm text-muted-foreground">
              {plan.prices.map((price) => (
                <li key={price.id}>
                  {formatMoney(price.unitAmount)} {price.currency.toUpperCase()}{" "}
                  {intervalLabels[price.interval]}
                  {price.perSeat ? " per seat" : ""}
                  {price.active ? "" : " (inactive)"}
                </li>
              ))}
            </ul>
          )}
        </div>
        {update.error && !fieldErrors.checkFailed && Object.keys(errors).length === 0 && (
          <FormAlert>{errorMessage(update.error)}</FormAlert>
        )}
        <Button type="submit" pending={update.isPending}>
          Save {plan.name}
        </Button>
      </form>
    </Card>
  );
}
