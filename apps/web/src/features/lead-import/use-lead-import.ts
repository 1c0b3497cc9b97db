import type { RouterOutputs } from "@guild/api";
import type { LeadImportBadRowMode } from "@guild/db/enums";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { type ColumnMapping, type CsvFile, chunkRows } from "./csv-rows.ts";

export type LeadImport = RouterOutputs["leadImport"]["byId"];

/** While the job runs, a slow refetch backs up the live events (a stream that is reconnecting). */
const RUNNING_REFETCH_MS = 5_000;

export function useLeadImport(id: string) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.leadImport.byId.queryOptions({ id }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "queued" || status === "running" ? RUNNING_REFETCH_MS : false;
    },
  });
}

export function useLeadImportBadRows(id: string, enabled: boolean) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.leadImport.badRows.infiniteQueryOptions(
      { id, limit: 50 },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    enabled,
  });
}

/** Stops an import; the screen follows through the import's own query (and its live event). */
export function useCancelLeadImport() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.leadImport.cancel.mutationOptions({
      onSuccess: (cancelled) => {
        queryClient.setQueryData(trpc.leadImport.byId.queryKey({ id: cancelled.id }), cancelled);
        void queryClient.invalidateQueries(trpc.leadImport.list.pathFilter());
      },
    }),
  );
}

export interface UploadProgress {
  sentRows: number;
  totalRows: number;
}

/**
 * Sends a mapped file: the import, its rows chunk by chunk (one request at a time: each is
 * bounded, and the order keeps the progress honest), then the start. Resolves with the import.
 */
export function useUploadLeadImport() {
  const trpc = useOrgTRPC();
  const create = useMutation(trpc.leadImport.create.mutationOptions());
  const addRows = useMutation(trpc.leadImport.addRows.mutationOptions());
  const start = useMutation(trpc.leadImport.start.mutationOptions());
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const upload = useMutation({
    mutationFn: async (input: {
      file: CsvFile;
      mapping: ColumnMapping;
      badRows: LeadImportBadRowMode;
    }) => {
      const { file, mapping, badRows } = input;
      const totalRows = file.rows.length;
      setProgress({ sentRows: 0, totalRows });
      const { id } = await create.mutateAsync({ fileName: file.name, totalRows, badRows });
      let sentRows = 0;
      for (const rows of chunkRows(file, mapping)) {
        await addRows.mutateAsync({ id, rows });
        sentRows += rows.length;
        setProgress({ sentRows, totalRows });
      }
      return start.mutateAsync({ id });
    },
    onSettled: () => setProgress(null),
  });
  return { upload, progress };
}
