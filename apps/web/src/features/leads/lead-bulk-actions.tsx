import { LEAD_BULK_LIMIT } from "@guild/api/schemas/lead-constants";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { BulkMenu } from "../../components/data-table/bulk-menu.tsx";
import type { RowSelectionState } from "../../components/data-table/use-row-selection.ts";
import { errorMessage } from "../../lib/errors.ts";
import { MemberPicker } from "../members/member-picker.tsx";
import { type LeadStatus, leadStatuses, statusLabel } from "./lead-labels.tsx";
import {
  type LeadFilter,
  useBulkAssignLeads,
  useBulkChangeLeadStatus,
  useBulkRemoveLeads,
  useDeletedLeadsToast,
} from "./use-leads.ts";

const leadsText = (count: number) =>
  count === 1 ? "1 lead" : `${count.toLocaleString("en")} leads`;

/**
 * The leads table's bulk actions. They send the list's filter with the chosen ids, or the filter
 * alone for "all N matching": the server changes exactly what the filter matches when it runs.
 */
export function LeadBulkActions({
  filter,
  selection,
  total,
  capped,
  canDelete,
  organizationName,
  onDeleted,
}: {
  filter: LeadFilter;
  selection: RowSelectionState;
  total: number;
  /** The total is a floor (the count stopped at its cap). */
  capped: boolean;
  canDelete: boolean;
  organizationName: string;
  /** After a delete: the bar (and its focused button) is gone, focus goes somewhere sensible. */
  onDeleted: () => void;
}) {
  const changeStatus = useBulkChangeLeadStatus();
  const assign = useBulkAssignLeads();
  const remove = useBulkRemoveLeads();
  const announceDeleted = useDeletedLeadsToast();
  const [assigning, setAssigning] = useState(false);
  const [owner, setOwner] = useState("");
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const count = selection.count(total);
  // The server refuses more than LEAD_BULK_LIMIT at once: say so before anyone tries.
  const tooMany = count > LEAD_BULK_LIMIT || (selection.selection.kind === "all" && capped);
  const target = () => ({ filter, ids: selection.ids() });

  const moveTo = (status: LeadStatus) =>
    changeStatus.mutate(
      { ...target(), status },
      {
        onSuccess: ({ changed }) => {
          selection.clear();
          toast.success(
            changed === 0
              ? `The selected leads were already ${statusLabel(status)}.`
              : `Moved ${leadsText(changed)} to ${statusLabel(status)}.`,
          );
        },
        onError: (error) => toast.error(`Could not change the status: ${errorMessage(error)}`),
      },
    );

  return (
    <>
      {tooMany && (
        <span className="text-sm">
          At most {LEAD_BULK_LIMIT.toLocaleString("en")} leads at once: narrow the filter.
        </span>
      )}
      <BulkMenu
        label="Change status"
        options={leadStatuses}
        labelOf={statusLabel}
        disabled={changeStatus.isPending || tooMany}
        onSelect={moveTo}
      />
      <Button variant="secondary" size="sm" disabled={tooMany} onClick={() => setAssigning(true)}>
        Assign owner
      </Button>
      {canDelete && (
        <Button
          variant="danger"
          size="sm"
          disabled={tooMany}
          onClick={() => setConfirmingDelete(true)}
        >
          Delete
        </Button>
      )}

      <ConfirmDialog
        open={assigning}
        tone="primary"
        title={`Assign ${leadsText(count)}`}
        confirmLabel="Assign"
        pending={assign.isPending}
        error={assign.error ? errorMessage(assign.error) : null}
        onClose={() => {
          setAssigning(false);
          assign.reset();
        }}
        onConfirm={() =>
          assign.mutate(
            { ...target(), ownerMemberId: owner || null },
            {
              onSuccess: ({ changed }) => {
                setAssigning(false);
                selection.clear();
                toast.success(
                  owner ? `Assigned ${leadsText(changed)}.` : `Unassigned ${leadsText(changed)}.`,
                );
              },
            },
          )
        }
      >
        <MemberPicker
          id="bulk-owner"
          label="New owner"
          noneLabel="No one (unassigned)"
          value={owner}
          onChange={setOwner}
        />
      </ConfirmDialog>

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete ${leadsText(count)}?`}
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setConfirmingDelete(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(target(), {
            onSuccess: ({ ids }) => {
              setConfirmingDelete(false);
              selection.clear();
              announceDeleted(ids, leadsText(ids.length));
              onDeleted();
            },
          })
        }
      >
        <p>
          The leads are removed for everyone in {organizationName}. You can undo it right after.
        </p>
      </ConfirmDialog>
    </>
  );
}
