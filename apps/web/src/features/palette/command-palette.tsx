import { canOpen } from "@guild/api/policies/back-office";
import { hasCrmAccess } from "@guild/api/policies/lead";
import { can } from "@guild/api/policies/member";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { FileUp, ListTodo, UserPlus, UserRound, UserRoundPlus } from "lucide-react";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";
import { MemberAvatar } from "../members/member-avatar.tsx";
import type { CurrentOrganization } from "../organizations/current-organization.tsx";
import { visibleSections } from "../shell/nav-sections.ts";
import { useAccountActions } from "./account-actions.ts";
import {
  type Action,
  ActionGroup,
  itemClass,
  PaletteFrame,
  PaletteGroup,
  shown,
  usePaletteQuery,
} from "./palette-frame.tsx";

/** Found leads and members per kind: a palette is for jumping, the lists are for browsing. */
const RESULTS = 5;
/** How long typing rests before the server is asked. */
const DEBOUNCE_MS = 200;

interface PaletteProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * Ctrl/Cmd-K. Inside an organization: go to any screen the sidebar offers this member, find
 * leads and members (searched on the server as one types), start the create actions, and what
 * the account palette offers. Outside one (account, new organization, an invitation): only that.
 */
export function CommandPalette({
  organization,
  ...props
}: PaletteProps & { organization: CurrentOrganization | undefined }) {
  return organization ? (
    <OrganizationPalette organization={organization} {...props} />
  ) : (
    <AccountPalette {...props} />
  );
}

/** Outside an organization there is none to search in: organizations, account, theme, sign out. */
function AccountPalette({ open, onOpenChange }: PaletteProps) {
  const palette = usePaletteQuery(onOpenChange);
  const { typed } = palette;
  const actions = useAccountActions(palette, undefined);
  const organizations = shown(typed, actions.organizations);
  const creates = shown(typed, [actions.newOrganization]);
  const account = shown(typed, actions.account);
  return (
    <PaletteFrame
      open={open}
      palette={palette}
      placeholder="Search organizations, account, commands…"
      loading={false}
      failed={false}
      empty={organizations.length + creates.length + account.length === 0}
    >
      <ActionGroup heading="Organizations" actions={organizations} />
      <ActionGroup heading="Create" actions={creates} />
      <ActionGroup heading="Account" actions={account} />
    </PaletteFrame>
  );
}

function OrganizationPalette({
  organization,
  open,
  onOpenChange,
}: PaletteProps & { organization: CurrentOrganization }) {
  const { slug, membership } = organization;
  const trpc = useOrgTRPC();
  const palette = usePaletteQuery(onOpenChange);
  const { typed, go, navigate } = palette;
  const search = useDebouncedValue(typed, DEBOUNCE_MS);
  const crm = hasCrmAccess(membership);
  const searching = open && search.length > 0;
  // abortOnUnmount hands the query's AbortSignal to the request: a search overtaken by the next
  // keystroke loses its last observer and its request is cancelled, not left to finish.
  const leads = useQuery({
    ...trpc.lead.list.queryOptions(
      { search, limit: RESULTS, sort: "updatedAt" },
      { trpc: { abortOnUnmount: true } },
    ),
    enabled: searching && crm,
    placeholderData: keepPreviousData,
  });
  const members = useQuery({
    ...trpc.member.list.queryOptions(
      { search, limit: RESULTS },
      { trpc: { abortOnUnmount: true } },
    ),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const common = useAccountActions(palette, slug);

  const screens: Action[] = visibleSections(membership).flatMap((section) =>
    section.items.map((item) => ({
      id: `screen:${item.to}`,
      label: item.label,
      icon: item.icon,
      keywords: `${section.label ?? ""} go open`,
      run: go(() => navigate({ to: item.to, params: { slug } })),
    })),
  );

  const creates: Action[] = [
    ...(crm
      ? [
          {
            id: "create:lead",
            label: "New lead",
            icon: UserRoundPlus,
            keywords: "add create crm",
            run: go(() => navigate({ to: "/o/$slug/leads/new", params: { slug } })),
          },
          {
            id: "create:import",
            label: "Import leads from CSV",
            icon: FileUp,
            keywords: "add create upload file spreadsheet crm",
            run: go(() => navigate({ to: "/o/$slug/leads/import", params: { slug } })),
          },
          {
            id: "create:task",
            label: "New task",
            icon: ListTodo,
            keywords: "add create todo crm",
            run: go(() =>
              navigate({ to: "/o/$slug/tasks", params: { slug }, search: { new: true } }),
            ),
          },
        ]
      : []),
    ...(can(membership, "invite", { role: "member" })
      ? [
          {
            id: "create:invitation",
            label: "Invite a member",
            icon: UserPlus,
            keywords: "add new create invitation people",
            run: go(() =>
              navigate({ to: "/o/$slug/members", params: { slug }, search: { invite: true } }),
            ),
          },
        ]
      : []),
    common.newOrganization,
  ];

  const shownScreens = shown(typed, screens);
  const shownCreates = shown(typed, creates);
  const shownSwitches = shown(typed, common.organizations);
  const shownAccount = shown(typed, common.account);
  // Results of an earlier word stay while the current one loads (no flicker), never once the
  // box is empty again.
  const foundLeads = typed && crm ? (leads.data?.items ?? []) : [];
  const foundMembers = typed ? (members.data?.items ?? []) : [];
  const loading =
    typed.length > 0 && (typed !== search || (crm && leads.isFetching) || members.isFetching);
  const failed = typed.length > 0 && (leads.isError || members.isError);
  const empty =
    shownScreens.length +
      shownCreates.length +
      shownSwitches.length +
      shownAccount.length +
      foundLeads.length +
      foundMembers.length ===
    0;

  return (
    <PaletteFrame
      open={open}
      palette={palette}
      placeholder={crm ? "Search leads, members, screens…" : "Search members, screens…"}
      loading={loading}
      failed={failed}
      empty={empty}
    >
      <ActionGroup heading="Go to" actions={shownScreens} />
      <ActionGroup heading="Create" actions={shownCreates} />
      <PaletteGroup heading="Leads">
        {foundLeads.map((lead) => (
          <Command.Item
            key={lead.id}
            value={`lead:${lead.id}`}
            onSelect={go(() =>
              navigate({ to: "/o/$slug/leads/$leadId", params: { slug, leadId: lead.id } }),
            )}
            className={itemClass}
          >
            <UserRound
              aria-hidden="true"
              className="size-4 shrink-0 text-muted-foreground"
              strokeWidth={1.75}
            />
            <span className="min-w-0 flex-1 truncate">{lead.name}</span>
            {(lead.company || lead.email) && (
              <span className="max-w-[45%] shrink-0 truncate text-xs text-muted-foreground">
                {lead.company || lead.email}
              </span>
            )}
          </Command.Item>
        ))}
      </PaletteGroup>
      <PaletteGroup heading="Members">
        {foundMembers.map((member) => (
          <Command.Item
            key={member.id}
            value={`member:${member.id}`}
            onSelect={go(() =>
              // Staff find them in the directory; members on their profile (the directory is
              // the back office's: policies/back-office.ts).
              canOpen(membership, "members") || !member.username
                ? navigate({ to: "/o/$slug/members", params: { slug }, search: { q: member.name } })
                : navigate({
                    to: "/o/$slug/u/$username",
                    params: { slug, username: member.username },
                  }),
            )}
            className={itemClass}
          >
            <MemberAvatar name={member.name} avatarUrl={member.avatarUrl} size="sm" />
            <span className="min-w-0 flex-1 truncate">{member.name}</span>
          </Command.Item>
        ))}
      </PaletteGroup>
      <ActionGroup heading="Organizations" actions={shownSwitches} />
      <ActionGroup heading="Account" actions={shownAccount} />
    </PaletteFrame>
  );
}
