import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useFocusAfterRemoval } from "../../lib/use-focus-after-removal.ts";
import { accountSection } from "./account-sections.ts";
import {
  useCurrentAuthSession,
  useRevokeOtherSessions,
  useRevokeSession,
  useSessions,
} from "./use-account.ts";

export function SessionsList() {
  const sessions = useSessions();
  const current = useCurrentAuthSession();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const currentId = current.data?.session.id;
  const others = sessions.data?.filter((session) => session.id !== currentId).length ?? 0;
  // A revoked session's button goes with it: focus lands on the list, not the page start.
  const afterRevoke = useFocusAfterRemoval<HTMLUListElement>();

  return (
    <Card
      {...accountSection("sessions")}
      description="The devices signed in to your account."
      actions={
        others > 0 && (
          <Button
            variant="secondary"
            size="sm"
            pending={revokeOthers.isPending}
            onClick={() =>
              revokeOthers.mutate(undefined, {
                onSuccess: () => {
                  toast.success("Your other sessions were signed out.");
                  afterRevoke.moveFocus();
                },
              })
            }
          >
            Sign out other sessions
          </Button>
        )
      }
    >
      {(revoke.error || revokeOthers.error) && (
        <div className="mb-3">
          <FormAlert>{errorMessage(revoke.error ?? revokeOthers.error)}</FormAlert>
        </div>
      )}
      {sessions.isPending ? (
        <LoadingState label="Loading sessions…" />
      ) : sessions.error ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <ul
          ref={afterRevoke.ref}
          tabIndex={-1}
          aria-label="Sessions"
          className="divide-y divide-border outline-none"
        >
          {(sessions.data ?? []).map((session) => {
            const isCurrent = session.id === currentId;
            return (
              <li key={session.id} className="flex flex-wrap items-center gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-foreground">
                    {describeDevice(session.userAgent)}
                    {isCurrent && (
                      <span className="ml-2 rounded-full bg-success-muted px-2 py-0.5 text-xs font-medium text-success ring-1 ring-success-border">
                        This device
                      </span>
                    )}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {session.ipAddress ? `${session.ipAddress} · ` : ""}signed in{" "}
                    {formatDateTime(session.createdAt)} · expires{" "}
                    {formatDateTime(session.expiresAt)}
                  </p>
                </div>
                {!isCurrent && (
                  <Button
                    variant="danger-ghost"
                    size="sm"
                    pending={revoke.isPending && revoke.variables === session.token}
                    onClick={() =>
                      revoke.mutate(session.token, {
                        onSuccess: () => {
                          toast.success(
                            `Signed out ${describeDevice(session.userAgent)}, signed in ${formatDateTime(session.createdAt)}.`,
                          );
                          afterRevoke.moveFocus();
                        },
                      })
                    }
                  >
                    Revoke
                    <span className="sr-only">
                      {" "}
                      the session of {describeDevice(session.userAgent)}, signed in{" "}
                      {formatDateTime(session.createdAt)}
                    </span>
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** "Chrome on Linux" from a user agent string: enough to recognise a device. */
function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : /curl|node|undici/i.test(userAgent)
            ? "A script"
            : "A browser";
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Mac OS X/.test(userAgent)
        ? "macOS"
        : /Windows/.test(userAgent)
          ? "Windows"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return system ? `${browser} on ${system}` : browser;
}
