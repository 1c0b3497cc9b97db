import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useBans, useLiftBan } from "./use-bans.ts";

interface Lifting {
  id: string;
  name: string;
}

/** The organization's bans (admins): in force first, each lifted after a confirmation. */
export function BansList() {
  const bans = useBans(true);
  const lift = useLiftBan();
  const [lifting, setLifting] = useState<Lifting | null>(null);
  const close = () => {
    setLifting(null);
    lift.reset();
  };
  return (
    <section aria-labelledby="bans-heading" className="mt-8 space-y-3">
      <h2 id="bans-heading" className="text-base font-semibold text-foreground">
        Bans
      </h2>
      {bans.isPending ? (
        <LoadingState label="Loading bans…" />
      ) : bans.error ? (
        <ErrorState error={bans.error} onRetry={() => void bans.refetch()} />
      ) : bans.data.length === 0 ? (
        <EmptyState title="Nobody is banned">
          Members banned from the directory or from a report are listed here.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border bg-surface shadow-sm">
          {bans.data.map((ban) => (
            <li key={ban.id} className="flex flex-wrap items-start gap-3 px-4 py-3 sm:px-6">
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium wrap-anywhere text-foreground">
                  {ban.name} <span className="font-normal text-muted-foreground">{ban.email}</span>
                </p>
                <p className="text-sm wrap-anywhere text-foreground">“{ban.reason}”</p>
                <p className="text-xs text-muted-foreground">
                  Banned by {ban.bannedByName ?? "a former member"} ·{" "}
                  <time dateTime={ban.createdAt.toISOString()}>
                    {formatDateTime(ban.createdAt)}
                  </time>
                  {ban.liftedAt && (
                    <>
                      {" "}
                      · lifted{" "}
                      <time dateTime={ban.liftedAt.toISOString()}>
                        {formatDateTime(ban.liftedAt)}
                      </time>
                    </>
                  )}
                </p>
              </div>
              {!ban.liftedAt && (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => setLifting({ id: ban.id, name: ban.name })}
                >
                  Lift ban<span className="sr-only"> of {ban.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={lifting !== null}
        title={`Lift the ban of ${lifting?.name ?? ""}?`}
        confirmLabel="Lift ban"
        tone="primary"
        pending={lift.isPending}
        error={lift.error ? errorMessage(lift.error) : null}
        onClose={close}
        onConfirm={() => {
          if (!lifting) return;
          const { name } = lifting;
          lift.mutate(
            { id: lifting.id },
            {
              onSuccess: () => {
                close();
                toast.success(`${name} may join again.`);
              },
            },
          );
        }}
      >
        <p>They may join again by the organization's usual ways in; they are not made a member.</p>
      </ConfirmDialog>
    </section>
  );
}
