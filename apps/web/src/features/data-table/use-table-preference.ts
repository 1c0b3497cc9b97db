import type { DataTableKey } from "@guild/api/schemas/data-table";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { errorMessage } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";

/**
 * The columns the member hid in a table, kept on the server (dataTable.preference) so they follow
 * them to any browser. A change shows at once and is saved behind it; a failed save puts the
 * columns back and says so.
 */
export function useHiddenColumns(table: DataTableKey) {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const key = trpc.dataTable.preference.queryKey({ table });
  const preference = useQuery(trpc.dataTable.preference.queryOptions({ table }));
  const save = useMutation(
    trpc.dataTable.setPreference.mutationOptions({
      onMutate: async ({ hiddenColumns }) => {
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData(key);
        queryClient.setQueryData(key, { table, hiddenColumns });
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(key, context.previous);
        toast.error(`Could not save your columns: ${errorMessage(error)}`);
      },
      onSuccess: (saved) => queryClient.setQueryData(key, saved),
    }),
  );
  return {
    hidden: preference.data?.hiddenColumns ?? [],
    /** Settled (loaded or failed): a table can show without the columns jumping afterwards. */
    settled: !preference.isPending,
    setHidden: (hiddenColumns: string[]) => save.mutate({ table, hiddenColumns }),
  };
}
