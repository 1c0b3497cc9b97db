import { Button } from "../../components/button.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useSession } from "../auth/session.ts";
import { useStopImpersonation } from "./use-admin.ts";

/**
 * On every signed-in screen while an admin impersonates someone: who, until when, and the way
 * back. Not dismissable: nobody should forget whose account they are acting in.
 */
export function ImpersonationBanner() {
  const session = useSession();
  const stop = useStopImpersonation();
  const impersonation = session.data?.impersonation;
  if (!session.data || !impersonation) return null;
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-center gap-x-4 gap-y-1 border-b border-warning-border bg-warning-muted px-3 py-2 text-center text-sm text-warning"
    >
      <p className="wrap-anywhere">
        You are impersonating <strong>{session.data.name}</strong> ({session.data.email}) until{" "}
        {formatDateTime(impersonation.endsAt)}.
      </p>
      <Button variant="secondary" size="sm" pending={stop.isPending} onClick={() => stop.mutate()}>
        Stop impersonating
      </Button>
    </div>
  );
}
