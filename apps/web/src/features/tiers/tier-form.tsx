import type { RouterOutputs } from "@guild/api";
import { tierCurrencies, tierFields } from "@guild/api/schemas/member-tier";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { priceToText, textToPrice } from "./tier-price.ts";
import { useTierMutations } from "./use-tiers.ts";

type Tier = RouterOutputs["memberTier"]["list"][number];

const priceFields = [
  { key: "monthlyPrice", label: "Monthly price" },
  { key: "yearlyPrice", label: "Yearly price" },
  { key: "lifetimePrice", label: "Lifetime price (one payment)" },
] as const;
type PriceKey = (typeof priceFields)[number]["key"];

/**
 * An admin's form for a tier: new (no `tier`) or editing one. Prices are typed as money in the
 * tier's currency; a tier without any price is free. A changed price applies to new purchases
 * (Stripe's prices do not change: members already paying keep theirs).
 */
export function TierForm({ tier, onDone }: { tier?: Tier; onDone: () => void }) {
  const { create, update } = useTierMutations();
  const save = tier ? update : create;
  const [name, setName] = useState(tier?.name ?? "");
  const [description, setDescription] = useState(tier?.description ?? "");
  const [currency, setCurrency] = useState<string>(tier?.currency ?? "usd");
  const [prices, setPrices] = useState<Record<PriceKey, string>>({
    monthlyPrice: priceToText(tier?.monthlyPrice ?? null, tier?.currency ?? "usd"),
    yearlyPrice: priceToText(tier?.yearlyPrice ?? null, tier?.currency ?? "usd"),
    lifetimePrice: priceToText(tier?.lifetimePrice ?? null, tier?.currency ?? "usd"),
  });
  const [trialDays, setTrialDays] = useState(String(tier?.trialDays ?? 0));
  const [sortOrder, setSortOrder] = useState(String(tier?.sortOrder ?? 0));
  // Seed 004's level access limit: empty opens every level of every course the tier opens.
  const [maxLessonLevel, setMaxLessonLevel] = useState(
    tier?.maxLessonLevel == null ? "" : String(tier.maxLessonLevel),
  );
  const fieldErrors = useFieldErrors(save.error);
  const { errors, serverErrors } = fieldErrors;
  const fieldNames = [
    "name",
    "description",
    "currency",
    ...priceFields.map((f) => f.key),
    "trialDays",
    "sortOrder",
    "maxLessonLevel",
  ];
  const formError =
    save.error && !fieldNames.some((f) => serverErrors[f]) ? errorMessage(save.error) : null;

  return (
    <Card title={tier ? `Edit ${tier.name}` : "New tier"}>
      <form
        noValidate
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = tierFields.safeParse({
            name,
            description,
            currency,
            monthlyPrice: textToPrice(prices.monthlyPrice, currency),
            yearlyPrice: textToPrice(prices.yearlyPrice, currency),
            lifetimePrice: textToPrice(prices.lifetimePrice, currency),
            trialDays: trialDays.trim() === "" ? 0 : Number(trialDays),
            sortOrder: sortOrder.trim() === "" ? 0 : Number(sortOrder),
            // Empty: no cap (null, also on update, where leaving it out would keep the old cap).
            maxLessonLevel: maxLessonLevel.trim() === "" ? null : Number(maxLessonLevel),
          });
          if (!checked.success) {
            fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
            return;
          }
          fieldErrors.submitted({});
          const onSuccess = (saved: Tier) => {
            toast.success(tier ? `Saved ${saved.name}.` : `Created ${saved.name}.`);
            onDone();
          };
          if (tier) update.mutate({ ...checked.data, id: tier.id }, { onSuccess });
          else create.mutate(checked.data, { onSuccess });
        }}
      >
        <TextField
          label="Name"
          autoComplete="off"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            fieldErrors.changedField("name");
          }}
          error={errors.name}
        />
        <SelectField
          label="Currency"
          value={currency}
          onChange={(e) => setCurrency(e.target.value)}
          error={errors.currency}
        >
          {tierCurrencies.map((c) => (
            <option key={c} value={c}>
              {c.toUpperCase()}
            </option>
          ))}
        </SelectField>
        <TextareaField
          label="Description"
          className="sm:col-span-2"
          rows={2}
          value={description}
          onChange={(e) => {
            setDescription(e.target.value);
            fieldErrors.changedField("description");
          }}
          error={errors.description}
        />
        {priceFields.map((field) => (
          <TextField
            key={field.key}
            label={field.label}
            inputMode="decimal"
            autoComplete="off"
            hint="Empty: not sold this way"
            value={prices[field.key]}
            onChange={(e) => {
              setPrices({ ...prices, [field.key]: e.target.value });
              fieldErrors.changedField(field.key);
            }}
            error={errors[field.key]}
          />
        ))}
        <TextField
          label="Trial days"
          inputMode="numeric"
          autoComplete="off"
          value={trialDays}
          onChange={(e) => {
            setTrialDays(e.target.value);
            fieldErrors.changedField("trialDays");
          }}
          error={errors.trialDays}
        />
        <TextField
          label="Order in the list"
          inputMode="numeric"
          autoComplete="off"
          value={sortOrder}
          onChange={(e) => {
            setSortOrder(e.target.value);
            fieldErrors.changedField("sortOrder");
          }}
          error={errors.sortOrder}
        />
        <TextField
          label="Highest lesson level"
          inputMode="numeric"
          autoComplete="off"
          hint="Members with this tier open lessons up to this level. Empty: every level."
          value={maxLessonLevel}
          onChange={(e) => {
            setMaxLessonLevel(e.target.value);
            fieldErrors.changedField("maxLessonLevel");
          }}
          error={errors.maxLessonLevel}
        />
        {formError && (
          <div className="sm:col-span-2">
            <FormAlert>{formError}</FormAlert>
          </div>
        )}
        <div className="flex flex-wrap gap-2 sm:col-span-2">
          <Button type="submit" pending={save.isPending}>
            {tier ? "Save tier" : "Create tier"}
          </Button>
          <Button type="button" variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
