import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { errorMessage, serverFieldErrors } from "../../lib/errors.ts";
import type { AdminOrganization } from "./organizations-screen.tsx";
import { useAdminPlans, useCompPlan, useEndComp } from "./use-admin.ts";

/** Gives an organization a plan without payment: which plan, how many staff seats, and why. */
export function CompPlanDialog({
  organization,
  onClose,
}: {
  organization: AdminOrganization;
  onClose: () => void;
}) {
  const plans = useAdminPlans();
  const comp = useCompPlan();
  const [planId, setPlanId] = useState(organization.subscription?.planId ?? "");
  const [seats, setSeats] = useState(String(organization.subscription?.seats ?? 5));
  const [reason, setReason] = useState("");
  const fields = serverFieldErrors(comp.error);
  const chosen = planId || plans.data?.find((p) => p.key !== "free")?.id || "";
  return (
    <ConfirmDialog
      open
      tone="primary"
      title={`Comp a plan for ${organization.name}`}
      confirmLabel="Comp plan"
      pending={comp.isPending}
      confirmDisabled={!chosen}
      error={
        comp.error && !fields.planId && !fields.seats && !fields.reason
          ? errorMessage(comp.error)
          : plans.error
            ? errorMessage(plans.error)
            : null
      }
      onClose={onClose}
      onConfirm={() =>
        comp.mutate(
          {
            organizationId: organization.id,
            planId: chosen,
            seats: Number(seats),
            reason,
          },
          {
            onSuccess: ({ plan }) => {
              toast.success(`${organization.name} is on ${plan.name}, comped.`);
              onClose();
            },
          },
        )
      }
    >
      <p className="text-sm text-muted-foreground">
        The organization gets the plan without paying, until the comp is ended.
        {organization.subscription?.source === "comp" && " This replaces its current comp."}
      </p>
      <SelectField
        label="Plan"
        value={chosen}
        error={fields.planId}
        onChange={(event) => setPlanId(event.target.value)}
      >
        {(plans.data ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.active ? "" : " (retired)"}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Staff seats"
        type="number"
        inputMode="numeric"
        min={1}
        value={seats}
        error={fields.seats}
        onChange={(event) => setSeats(event.target.value)}
      />
      <TextareaField
        label="Reason"
        hint="For the audit log."
        rows={2}
        required
        value={reason}
        error={fields.reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </ConfirmDialog>
  );
}

export function EndCompDialog({
  organization,
  onClose,
}: {
  organization: AdminOrganization;
  onClose: () => void;
}) {
  const end = useEndComp();
  return (
    <ConfirmDialog
      open
      title={`End the comp of ${organization.name}?`}
      confirmLabel="End comp"
      pending={end.isPending}
      error={end.error ? errorMessage(end.error) : null}
      onClose={onClose}
      onConfirm={() =>
        end.mutate(
          { organizationId: organization.id },
          {
            onSuccess: () => {
              toast.success(`${organization.name} is on the Free plan again.`);
              onClose();
            },
          },
        )
      }
    >
      <p className="text-sm text-muted-foreground">
        It goes back to the Free plan. Nothing is deleted; what is over Free's limits stays, and new
        things beyond them are refused.
      </p>
    </ConfirmDialog>
  );
}
