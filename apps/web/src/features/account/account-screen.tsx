import { useRouterState } from "@tanstack/react-router";
import { useEffect } from "react";
import { PageHeader } from "../../components/card.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { useSession } from "../auth/session.ts";
import { accountSections } from "./account-sections.ts";
import { DeleteAccount } from "./delete-account.tsx";
import { PasswordSettings } from "./password-settings.tsx";
import { EmailSettings, ProfileSettings } from "./profile-settings.tsx";
import { SessionsList } from "./sessions-list.tsx";
import { TwoFactorSettings } from "./two-factor-settings.tsx";

export function AccountScreen() {
  const session = useSession();
  const hash = useRouterState({ select: (state) => state.location.hash });
  const loaded = Boolean(session.data);

  // Opened at a section (/account#two-factor, from the command palette): it scrolls into view
  // under the sticky header and takes focus, so the keyboard and a screen reader start there too.
  useEffect(() => {
    if (!loaded || !(hash in accountSections)) return;
    const section = document.getElementById(hash);
    if (!section) return;
    section.scrollIntoView({ block: "start" });
    section.focus({ preventScroll: true });
  }, [hash, loaded]);

  return (
    <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-3 py-8 sm:px-6">
      <PageHeader title="Account" description="Your profile, sign-in and security." />
      {session.isPending ? (
        <LoadingState />
      ) : session.error ? (
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      ) : session.data ? (
        <div className="space-y-6">
          <ProfileSettings name={session.data.name} />
          <EmailSettings email={session.data.email} />
          <PasswordSettings />
          <TwoFactorSettings enabled={session.data.twoFactorEnabled} />
          <SessionsList />
          <DeleteAccount twoFactorEnabled={session.data.twoFactorEnabled} />
        </div>
      ) : null}
    </main>
  );
}
