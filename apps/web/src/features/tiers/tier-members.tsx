import type { RouterOutputs } from "@guild/api";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { SelectField } from "../../components/field.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useCreditMembers } from "../credits/use-credits.ts";
import { useTierMembers, useTierMutations } from "./use-tiers.ts";

type Tier = RouterOutputs["memberTier"]["list"][number];

const sourceLabels = { stripe: "paid", comp: "comped", free: "free" } as const;

/** Admins: who has which tier, and a tier given by hand (comped) or taken back. */
export function TierMembers({ tiers }: { tiers: Tier[] }) {
  const holders = useTierMembers(true);
  const members = useCreditMembers();
  const { grant, revoke } = useTierMutations();
  const [memberId, setMemberId] = useState("");
  const [tierId, setTierId] = useState("");
  const failure = grant.error ?? revoke.error;
  const current = (holders.data ?? []).filter((h) => h.active);

  return (
    <Card title="Members on tiers" description="Comp a tier: give it to a member without payment.">
      <div className="flex flex-col gap-4">
        {holders.isPending ? (
          <LoadingState label="Loading members on tiers…" />
        ) : holders.error ? (
          <ErrorState error={holders.error} onRetry={() => void holders.refetch()} />
        ) : current.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nobody has a tier yet.</p>
        ) : (
          <ul className="divide-y divide-border" aria-label="Members on tiers">
            {current.map((h) => (
              <li
                key={h.memberId}
                className="flex flex-wrap items-center justify-between gap-2 py-2"
              >
                <div className="min-w-0">
                  <p className="text-sm font-medium wrap-anywhere text-foreground">{h.name}</p>
                  <p className="text-xs text-muted-foreground">
                    {h.tier.name} · {sourceLabels[h.source]}
                    {h.cancelAtPeriodEnd ? " · ends at period end" : ""}
                  </p>
                </div>
                {h.source === "comp" && (
                  <Button
                    type="button"
                    size="sm"
                    variant="danger-ghost"
                    aria-label={`Revoke ${h.name}'s tier`}
                    onClick={() =>
                      revoke.mutate(
                        { memberId: h.memberId },
                        { onSuccess: () => toast.success(`Revoked ${h.name}'s tier.`) },
                      )
                    }
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        <form
          className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            if (!memberId || !tierId) return;
            grant.mutate(
              { memberId, tierId },
              { onSuccess: (view) => toast.success(`Gave ${view.tier.name}.`) },
            );
          }}
        >
          <SelectField
            label="Member"
            value={memberId}
            onChange={(e) => setMemberId(e.target.value)}
          >
            <option value="">Choose a member</option>
            {members.data?.items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Tier" value={tierId} onChange={(e) => setTierId(e.target.value)}>
            <option value="">Choose a tier</option>
            {tiers.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <Button type="submit" pending={grant.isPending} disabled={!memberId || !tierId}>
            Comp tier
          </Button>
        </form>
        {failure && <FormAlert>{errorMessage(failure)}</FormAlert>}
      </div>
    </Card>
  );
}
