import { MEMBER_BULK_LIMIT } from "@guild/api/schemas/member-constants";
import { type MemberRole, manageableRoles } from "@guild/db/enums";
import { toast } from "sonner";
import { BulkMenu } from "../../components/data-table/bulk-menu.tsx";
import type { RowSelectionState } from "../../components/data-table/use-row-selection.ts";
import { useRefusalToast } from "../billing/refusal-toast.ts";
import type { MemberFilter } from "./member-list-search.ts";
import { roleLabel } from "./role-label.ts";
import { useBulkChangeMemberRole } from "./use-members.ts";

const membersText = (count: number) =>
  count === 1 ? "1 member" : `${count.toLocaleString("en")} members`;

/**
 * The members table's bulk action: a new role for the selection (by the list's filter, with the
 * chosen ids or for "all N matching"). The server leaves alone the caller, owners and anyone the
 * caller does not manage, and says how many it skipped; owners are made one at a time.
 */
export function MemberBulkActions({
  filter,
  selection,
  total,
  myRole,
}: {
  filter: MemberFilter;
  selection: RowSelectionState;
  total: number;
  myRole: MemberRole;
}) {
  const changeRole = useBulkChangeMemberRole();
  const refused = useRefusalToast();
  const count = selection.count(total);
  const tooMany = count > MEMBER_BULK_LIMIT;
  const roles = manageableRoles(myRole).filter(
    (role): role is Exclude<MemberRole, "owner"> => role !== "owner",
  );
  const give = (role: Exclude<MemberRole, "owner">) =>
    changeRole.mutate(
      { filter, ids: selection.ids(), role },
      {
        onSuccess: ({ changed, skipped }) => {
          selection.clear();
          const done =
            changed === 0
              ? `No one changed: the selected members were already ${roleLabel(role).toLowerCase()}s.`
              : `Made ${membersText(changed)} ${roleLabel(role).toLowerCase()}s.`;
          toast.success(
            skipped > 0
              ? `${done} ${membersText(skipped)} left as they were: owners, you, and anyone you do not manage.`
              : done,
          );
        },
        onError: (error) => refused("Could not change the roles", error),
      },
    );
  return (
    <>
      {tooMany && (
        <span className="text-sm">
          At most {MEMBER_BULK_LIMIT.toLocaleString("en")} members at once: narrow the filter.
        </span>
      )}
      <BulkMenu
        label="Change role"
        options={roles}
        labelOf={roleLabel}
        disabled={changeRole.isPending || tooMany}
        onSelect={give}
      />
    </>
  );
}
