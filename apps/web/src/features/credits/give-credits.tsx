import { adminGrantFields } from "@guild/api/schemas/credit";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { SelectField, TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useCreditMembers, useGiveCredits } from "./use-credits.ts";

/**
 * An admin's bonus to a member (themselves included), with the reason the member's history and
 * the activity log show. Each opening of the form is one request: a double submit grants once.
 */
export function GiveCredits() {
  const me = useCurrentOrganization().membership;
  const members = useCreditMembers();
  const give = useGiveCredits();
  const [memberId, setMemberId] = useState(me.memberId);
  const [amount, setAmount] = useState("");
  const [description, setDescription] = useState("");
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  const fieldErrors = useFieldErrors(give.error);
  const { errors, serverErrors } = fieldErrors;
  const formError =
    give.error && !serverErrors.amount && !serverErrors.description
      ? errorMessage(give.error)
      : null;

  return (
    <Card
      title="Give credits"
      description="A bonus to a member of this organization, with the reason they will see."
    >
      <form
        noValidate
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = adminGrantFields.safeParse({
            amount: amount.trim() === "" ? Number.NaN : Number(amount),
            description,
          });
          if (!checked.success) {
            fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
            return;
          }
          fieldErrors.submitted({});
          const name = members.data?.items.find((m) => m.id === memberId)?.name ?? "the member";
          give.mutate(
            { ...checked.data, memberId, idempotencyKey: requestKey },
            {
              onSuccess: (entry) => {
                toast.success(
                  `Gave ${entry.amount} ${entry.amount === 1 ? "credit" : "credits"} to ${memberId === me.memberId ? "yourself" : name}.`,
                );
                setAmount("");
                setDescription("");
                setRequestKey(crypto.randomUUID());
              },
            },
          );
        }}
      >
        <SelectField
          label="Member"
          value={memberId}
          onChange={(e) => setMemberId(e.target.value)}
          className="sm:col-span-2"
        >
          <option value={me.memberId}>You</option>
          {members.data?.items
            .filter((m) => m.id !== me.memberId)
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
        </SelectField>
        <TextField
          label="Credits"
          inputMode="numeric"
          autoComplete="off"
          value={amount}
          onChange={(e) => {
            setAmount(e.target.value);
            fieldErrors.changedField("amount");
          }}
          error={errors.amount}
        />
        <TextField
          label="Reason"
          autoComplete="off"
          value={description}
          onChange={(e) => {
            setDescription(e.target.value);
            fieldErrors.changedField("description");
          }}
          error={errors.description}
        />
        {formError && (
          <div className="sm:col-span-2">
            <FormAlert>{formError}</FormAlert>
          </div>
        )}
        <div className="sm:col-span-2">
          <Button type="submit" pending={give.isPending}>
            Give credits
          </Button>
        </div>
      </form>
    </Card>
  );
}
