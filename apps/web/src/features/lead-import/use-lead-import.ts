import type { RouterOutputs } from "@guild/api";
import type { LeadImportBadRowMode } from "@guild/db/enums";
import {
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useState } from "react";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { type ColumnMapping, type CsvFile, chunkRows } from "./csv-rows.ts";
import type { ReadCsv } from "./read-csv.ts";

export type LeadImport = RouterOutputs["leadImport"]["byId"];

/**
 * While the job runs, a slow refetch backs up the live events (a stream that is reconnecting).
 * While another tab uploads, it is the only news: rows arriving publish no event, and the
 * upload that goes quiet must come to read as stopped.
 */
const RUNNING_REFETCH_MS = 5_000;

const inMotion = (item: LeadImport) =>
  item.status === "queued" || item.status === "running" || item.uploadInProgress;

export function useLeadImport(id: string) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.leadImport.byId.queryOptions({ id }),
    refetchInterval: (query) =>
      query.state.data && inMotion(query.state.data) ? RUNNING_REFETCH_MS : false,
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

/** The organization's imports, newest first, a page at a time: the import screen's history. */
export function useLeadImportHistory() {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.leadImport.list.infiniteQueryOptions(
      { limit: 10 },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(inMotion))
        ? RUNNING_REFETCH_MS
        : false,
  });
}

export type ResumableImport = NonNullable<RouterOutputs["leadImport"]["resumable"]>;

/**
 * The caller's own upload of this file that stopped halfway, or null. Asked when a file is chosen
 * (`ask`, also for the same file chosen again), never on its own: a refetch while this file's own
 * upload runs would offer to continue that very upload.
 */
export function useResumableImport(fingerprint: ReadCsv["fingerprint"]) {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({
    ...trpc.leadImport.resumable.queryOptions(fingerprint ?? skipToken),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const ask = () => queryClient.invalidateQueries(trpc.leadImport.resumable.pathFilter());
  return { ...query, ask };
}

/**
 * Sends a mapped file: the import, its rows chunk by chunk (one request at a time: each is
 * bounded, and the order keeps the progress honest), then the start. Resolves with the import.
 * `resume` continues an upload that stopped: the rows up to the last one that arrived are not
 * sent again.
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
      fingerprint: ReadCsv["fingerprint"];
      mapping: ColumnMapping;
      badRows: LeadImportBadRowMode;
      resume?: { id: string; receivedThrough: number };
    }) => {
      const { file, fingerprint, mapping, badRows, resume } = input;
      const totalRows = file.rows.length;
      const after = resume?.receivedThrough ?? 1;
      let sentRows = after - 1;
      setProgress({ sentRows, totalRows });
      const id =
        resume?.id ??
        (
          await create.mutateAsync({
            fileName: file.name,
            totalRows,
            badRows,
            columnMapping: mapping,
            ...(fingerprint ? { file: fingerprint } : {}),
          })
        ).id;
      for (const rows of chunkRows(file, mapping, after)) {
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
