import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { EmptyState, ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The admins' queue of people asking to join (join policy "approval"): approve or deny. */
export function JoinRequestsScreen() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const requests = useQuery(trpc.joinRequest.list.queryOptions({ status: "pending" }));
  const refresh = () => queryClient.invalidateQueries(trpc.joinRequest.pathFilter());
  const approve = useMutation(
    trpc.joinRequest.approve.mutationOptions({
      onSuccess: async () => {
        toast.success("Approved: they are a member now.");
        await refresh();
      },
    }),
  );
  const deny = useMutation(
    trpc.joinRequest.deny.mutationOptions({
      onSuccess: async () => {
        toast.success("Request denied.");
        await refresh();
      },
    }),
  );
  const error = approve.error ?? deny.error;
  return (
    <>
      <PageHeader title="Join requests" description="People asking to join from the public page." />
      <div className="max-w-2xl space-y-4">
        {error && <FormAlert>{errorMessage(error)}</FormAlert>}
        {requests.isPending ? (
          <LoadingState label="Loading requests…" />
        ) : requests.error ? (
          <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
        ) : requests.data.length === 0 ? (
          <EmptyState title="No one is waiting">
            New requests appear here when joining needs an admin's approval.
          </EmptyState>
        ) : (
          <Card title={`${requests.data.length} waiting`}>
            <ul className="divide-y divide-border">
              {requests.data.map((request) => (
                <li
                  key={request.id}
                  aria-label={request.name}
                  className="flex flex-wrap items-center gap-3 py-3"
                >
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-foreground wrap-anywhere">{request.name}</p>
                    <p className="text-sm text-muted-foreground wrap-anywhere">
                      {request.email} · asked {formatDate(request.createdAt)}
                    </p>
                  </div>
                  <Button
                    size="sm"
                    pending={approve.isPending && approve.variables?.id === request.id}
                    onClick={() => approve.mutate({ id: request.id })}
                  >
                    Approve
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    pending={deny.isPending && deny.variables?.id === request.id}
                    onClick={() => deny.mutate({ id: request.id })}
                  >
                    Deny
                  </Button>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </>
  );
}
