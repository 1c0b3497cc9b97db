import {
  ArrowLeftRight,
  Building2,
  CircleUserRound,
  KeyRound,
  LogOut,
  type LucideIcon,
  Mail,
  MailPlus,
  Monitor,
  MonitorSmartphone,
  Moon,
  ShieldCheck,
  Sun,
  Trash2,
  UserRound,
} from "lucide-react";
import {
  type AccountSectionId,
  accountSectionIds,
  accountSections,
} from "../account/account-sections.ts";
import { useSession } from "../auth/session.ts";
import { useSignOut } from "../auth/use-sign-out.ts";
import { useMyInvitations, useMyOrganizations } from "../organizations/use-organizations.ts";
import { setThemeChoice, type ThemeChoice, useThemeChoice } from "../theme/theme.ts";
import type { Action, usePaletteQuery } from "./palette-frame.tsx";

const sectionIcons: Record<AccountSectionId, LucideIcon> = {
  profile: UserRound,
  email: Mail,
  password: KeyRound,
  "two-factor": ShieldCheck,
  sessions: MonitorSmartphone,
  "delete-account": Trash2,
};

const themes: { choice: ThemeChoice; label: string; icon: LucideIcon }[] = [
  { choice: "light", label: "Use the light theme", icon: Sun },
  { choice: "dark", label: "Use the dark theme", icon: Moon },
  { choice: "system", label: "Follow the system theme", icon: Monitor },
];

/**
 * What the palette offers wherever one is signed in, inside an organization or not: the
 * organizations (switch to another, or open one from the account page) and the invitations
 * waiting, a new organization, the account page and each of its sections, the platform's admin
 * console for its admins, the theme, signing out.
 * `currentSlug`: the organization on screen, left out of the list.
 */
export function useAccountActions(
  palette: ReturnType<typeof usePaletteQuery>,
  currentSlug: string | undefined,
) {
  const { go, navigate, close } = palette;
  // Both lists are cached already: the organization switcher asked for them.
  const organizations = useMyOrganizations();
  const invitations = useMyInvitations();
  const theme = useThemeChoice();
  const signOut = useSignOut();
  const session = useSession();

  const organizationActions: Action[] = [
    ...(organizations.data ?? [])
      .filter((other) => other.slug !== currentSlug)
      .map((other) => ({
        id: `organization:${other.slug}`,
        label: currentSlug ? `Switch to ${other.name}` : `Open ${other.name}`,
        icon: ArrowLeftRight,
        keywords: "organization switch change open go",
        run: go(() => navigate({ to: "/o/$slug", params: { slug: other.slug } })),
      })),
    ...(invitations.data ?? []).map((invitation) => ({
      id: `invitation:${invitation.id}`,
      label: `Join ${invitation.organizationName}`,
      icon: MailPlus,
      keywords: "invitation accept decline organization open",
      hint: "Invitation",
      run: go(() =>
        navigate({
          to: "/invitations/$invitationId",
          params: { invitationId: invitation.id },
          search: {},
        }),
      ),
    })),
  ];

  const newOrganization: Action = {
    id: "create:organization",
    label: "New organization",
    icon: Building2,
    keywords: "add create",
    run: go(() => navigate({ to: "/organizations/new" })),
  };

  const account: Action[] = [
    {
      id: "account",
      label: "Account",
      icon: CircleUserRound,
      keywords: "profile password email go open",
      run: go(() => navigate({ to: "/account" })),
    },
    // Never offered to others: the console answers them "not found" anyway.
    ...(session.data?.platformAdmin
      ? [
          {
            id: "admin-console",
            label: "Admin console",
            icon: ShieldCheck,
            keywords:
              "platform admin users ban impersonate plans organizations stripe events audit go open",
            run: go(() => navigate({ to: "/admin" })),
          },
        ]
      : []),
    ...accountSectionIds.map((id) => ({
      id: `account:${id}`,
      label: accountSections[id].title,
      icon: sectionIcons[id],
      keywords: `account ${accountSections[id].keywords} go open`,
      run: go(() => navigate({ to: "/account", hash: id })),
    })),
    ...themes.map(({ choice, label, icon }) => ({
      id: `theme:${choice}`,
      label,
      icon,
      keywords: "theme appearance mode colour color",
      hint: choice === theme ? "In use" : undefined,
      run: () => {
        setThemeChoice(choice);
        close();
      },
    })),
    {
      id: "sign-out",
      label: "Sign out",
      icon: LogOut,
      keywords: "log out logout leave",
      run: () => {
        close();
        signOut.mutate();
      },
    },
  ];

  return { organizations: organizationActions, newOrganization, account };
}
