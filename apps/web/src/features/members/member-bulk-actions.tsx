import { MEMBER_BULK_LIMIT } from "@guild/api/schemas/member";
import { type MemberRole, manageableRoles } from "@guild/db/enums";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown } from "lucide-react";
import { toast } from "sonner";
import { buttonClass } from "../../components/button.tsx";
import type { RowSelectionState } from "../../components/data-table/use-row-selection.ts";
import { MenuContent } from "../../components/menu.tsx";
import { errorMessage } from "../../lib/errors.ts";
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
        onError: (error) => toast.error(`Could not change the roles: ${errorMessage(error)}`),
      },
    );
  return (
    <>
      {tooMany && (
        <span className="text-sm">
          At most {MEMBER_BULK_LIMIT.toLocaleString("en")} members at once: narrow the filter.
        </span>
      )}
      {/* Not modal: a modal menu aria-hides the page around it while its links stay focusable
          (axe: aria-hidden-focus). Escape and a click outside still close it. */}
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger
          className={buttonClass("secondary", "sm")}
          disabled={changeRole.isPending || tooMany}
        >
          Change role
          <ChevronDown aria-hidden="true" className="size-4" />
        </DropdownMenu.Trigger>
        <MenuContent
          align="start"
          sideOffset={4}
          className="z-30 min-w-40 rounded-lg border border-border bg-surface p-1 text-sm shadow-lg"
        >
          {roles.map((role) => (
            <DropdownMenu.Item
              key={role}
              onSelect={() => give(role)}
              className="cursor-pointer rounded px-2 py-1.5 text-foreground outline-none data-[highlighted]:bg-accent data-[highlighted]:text-accent-foreground"
            >
              {roleLabel(role)}
            </DropdownMenu.Item>
          ))}
        </MenuContent>
      </DropdownMenu.Root>
    </>
  );
}
