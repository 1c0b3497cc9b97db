import { hasCrmAccess } from "@guild/api/policies/lead";
import { can } from "@guild/api/policies/member";
import * as Dialog from "@radix-ui/react-dialog";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Command } from "cmdk";
import {
  ArrowLeftRight,
  Building2,
  CircleUserRound,
  FileUp,
  ListTodo,
  type LucideIcon,
  Search,
  UserPlus,
  UserRound,
  UserRoundPlus,
} from "lucide-react";
import { useState } from "react";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";
import { MemberAvatar } from "../members/member-avatar.tsx";
import type { CurrentOrganization } from "../organizations/current-organization.tsx";
import { useMyOrganizations } from "../organizations/use-organizations.ts";
import { visibleSections } from "../shell/nav-sections.ts";

/** Found leads and members per kind: a palette is for jumping, the lists are for browsing. */
const RESULTS = 5;
/** How long typing rests before the server is asked. */
const DEBOUNCE_MS = 200;

interface Action {
  id: string;
  label: string;
  icon: LucideIcon;
  /** Other words it is found by ("add", "create"). */
  keywords: string;
  run: () => void;
}

const itemClass =
  "flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm text-foreground data-[selected=true]:bg-accent data-[selected=true]:text-accent-foreground";
const groupClass =
  "px-2 pb-2 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-muted-foreground [&_[cmdk-group-heading]]:uppercase";

/** Whether every word typed starts a word of the label or its keywords ("new le" → New lead). */
function matches(query: string, action: Action): boolean {
  const words = `${action.label} ${action.keywords}`.toLowerCase().split(/\s+/);
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((typed) => words.some((word) => word.startsWith(typed)));
}

/**
 * Ctrl/Cmd-K: go to any screen the sidebar offers this member, find leads and members (searched
 * on the server as one types), and start the create actions. A Radix dialog (focus kept inside,
 * Escape closes, focus returns to where it was) around cmdk's listbox (arrow keys, Enter).
 * cmdk's own filtering is off: leads and members are filtered by the server, the rest here.
 */
export function CommandPalette({
  organization,
  open,
  onOpenChange,
}: {
  organization: CurrentOrganization;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { slug, membership } = organization;
  const navigate = useNavigate();
  const trpc = useOrgTRPC();
  const [query, setQuery] = useState("");
  const typed = query.trim();
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

  // The other organizations this person belongs to (already cached by the switcher).
  const organizations = useMyOrganizations();

  const close = () => {
    onOpenChange(false);
    setQuery("");
  };
  const go = (run: () => Promise<void>) => () => {
    close();
    void run();
  };

  const screens: Action[] = visibleSections(membership).flatMap((section) =>
    section.items.map((item) => ({
      id: `screen:${item.to}`,
      label: item.label,
      icon: item.icon,
      keywords: `${section.label ?? ""} go open`,
      run: go(() => navigate({ to: item.to, params: { slug } })),
    })),
  );
  screens.push({
    id: "screen:account",
    label: "Account",
    icon: CircleUserRound,
    keywords: "profile password email go open",
    run: go(() => navigate({ to: "/account" })),
  });

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
    {
      id: "create:organization",
      label: "New organization",
      icon: Building2,
      keywords: "add create",
      run: go(() => navigate({ to: "/organizations/new" })),
    },
  ];

  const switches: Action[] = (organizations.data ?? [])
    .filter((other) => other.slug !== slug)
    .map((other) => ({
      id: `organization:${other.slug}`,
      label: `Switch to ${other.name}`,
      icon: ArrowLeftRight,
      keywords: "organization switch change open go",
      run: go(() => navigate({ to: "/o/$slug", params: { slug: other.slug } })),
    }));

  const shownScreens = typed ? screens.filter((action) => matches(typed, action)) : screens;
  const shownCreates = typed ? creates.filter((action) => matches(typed, action)) : creates;
  const shownSwitches = typed ? switches.filter((action) => matches(typed, action)) : switches;
  // Results of an earlier word stay while the current one loads (no flicker), never once the
  // box is empty again.
  const foundLeads = typed && crm ? (leads.data?.items ?? []) : [];
  const foundMembers = typed ? (members.data?.items ?? []) : [];
  const loading =
    typed.length > 0 && (typed !== search || (crm && leads.isFetching) || members.isFetching);
  const failed = typed.length > 0 && (leads.isError || members.isError);
  const nothing =
    shownScreens.length +
      shownCreates.length +
      shownSwitches.length +
      foundLeads.length +
      foundMembers.length ===
    0;

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (next) onOpenChange(true);
        else close();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-backdrop" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed top-4 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100%-1.5rem)] max-w-xl -translate-x-1/2 flex-col overflow-hidden rounded-lg bg-surface shadow-2xl ring-1 ring-border sm:top-[12vh] sm:max-h-[70vh]"
        >
          <Dialog.Title className="sr-only">Command palette</Dialog.Title>
          <Command
            label="Search or run a command"
            shouldFilter={false}
            // Ctrl-K stays the palette's own switch (cmdk would move the selection up with it).
            vimBindings={false}
            className="flex min-h-0 flex-col"
          >
            <div className="flex items-center gap-2 border-b border-border px-3">
              <Search aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
              <Command.Input
                value={query}
                onValueChange={setQuery}
                placeholder={crm ? "Search leads, members, screens…" : "Search members, screens…"}
                className="h-12 min-w-0 flex-1 bg-transparent text-base text-foreground outline-none placeholder:text-faint-foreground sm:text-sm"
              />
              <Dialog.Close className="shrink-0 rounded border border-input px-1.5 py-0.5 font-mono text-xs text-muted-foreground hover:bg-subtle">
                <span aria-hidden="true">Esc</span>
                <span className="sr-only">Close</span>
              </Dialog.Close>
            </div>
            <Command.List className="min-h-0 overflow-y-auto overscroll-contain py-1">
              {loading && (
                <Command.Loading>
                  <p className="px-5 py-2 text-xs text-muted-foreground">Searching…</p>
                </Command.Loading>
              )}
              {failed && !loading && (
                <p role="status" className="px-5 py-2 text-sm text-danger">
                  Could not search right now. Check your connection and type again.
                </p>
              )}
              {nothing && !loading && !failed && (
                <p role="status" className="px-5 py-6 text-center text-sm text-muted-foreground">
                  Nothing matches “{typed}”. Try part of a name, an email or a screen.
                </p>
              )}
              {shownScreens.length > 0 && (
                <Command.Group heading="Go to" className={groupClass}>
                  {shownScreens.map((action) => (
                    <ActionItem key={action.id} action={action} />
                  ))}
                </Command.Group>
              )}
              {shownCreates.length > 0 && (
                <Command.Group heading="Create" className={groupClass}>
                  {shownCreates.map((action) => (
                    <ActionItem key={action.id} action={action} />
                  ))}
                </Command.Group>
              )}
              {foundLeads.length > 0 && (
                <Command.Group heading="Leads" className={groupClass}>
                  {foundLeads.map((lead) => (
                    <Command.Item
                      key={lead.id}
                      value={`lead:${lead.id}`}
                      onSelect={go(() =>
                        navigate({
                          to: "/o/$slug/leads/$leadId",
                          params: { slug, leadId: lead.id },
                        }),
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
                </Command.Group>
              )}
              {foundMembers.length > 0 && (
                <Command.Group heading="Members" className={groupClass}>
                  {foundMembers.map((member) => (
                    <Command.Item
                      key={member.id}
                      value={`member:${member.id}`}
                      onSelect={go(() =>
                        navigate({
                          to: "/o/$slug/members",
                          params: { slug },
                          search: { q: member.name },
                        }),
                      )}
                      className={itemClass}
                    >
                      <MemberAvatar name={member.name} avatarUrl={member.avatarUrl} size="sm" />
                      <span className="min-w-0 flex-1 truncate">{member.name}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
              {shownSwitches.length > 0 && (
                <Command.Group heading="Organizations" className={groupClass}>
                  {shownSwitches.map((action) => (
                    <ActionItem key={action.id} action={action} />
                  ))}
                </Command.Group>
              )}
            </Command.List>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ActionItem({ action }: { action: Action }) {
  const Icon = action.icon;
  return (
    <Command.Item value={action.id} onSelect={action.run} className={itemClass}>
      <Icon
        aria-hidden="true"
        className="size-4 shrink-0 text-muted-foreground"
        strokeWidth={1.75}
      />
      <span className="min-w-0 flex-1 truncate">{action.label}</span>
    </Command.Item>
  );
}
