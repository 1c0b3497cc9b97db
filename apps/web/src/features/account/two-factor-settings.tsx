import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { TextField } from "../../components/field.tsx";
import { QrCode } from "../../components/qr-code.tsx";
import { FormAlert, SuccessMessage } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { accountSection } from "./account-sections.ts";
import {
  useConfirmTwoFactor,
  useDisableTwoFactor,
  useRegenerateBackupCodes,
  useStartTwoFactorSetup,
} from "./use-account.ts";

export function TwoFactorSettings({ enabled }: { enabled: boolean }) {
  return (
    <Card
      {...accountSection("two-factor")}
      description="A code from an authenticator app (Google Authenticator, 1Password, Authy…) on top of your password."
    >
      {enabled ? <TwoFactorOn /> : <TwoFactorSetup />}
    </Card>
  );
}

function TwoFactorSetup() {
  const start = useStartTwoFactorSetup();
  const confirm = useConfirmTwoFactor();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");

  if (!start.data) {
    return (
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          start.mutate(password, { onSuccess: () => setPassword("") });
        }}
      >
        <p className="text-sm text-foreground">
          Two-factor authentication is <strong>off</strong>. Confirm your password to set it up.
        </p>
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {start.error && <FormAlert>{errorMessage(start.error)}</FormAlert>}
        <Button type="submit" pending={start.isPending}>
          Set up two-factor
        </Button>
      </form>
    );
  }

  const { totpURI, backupCodes } = start.data;
  const secret = secretOf(totpURI);
  return (
    <div className="space-y-6">
      <ol className="list-decimal space-y-6 pl-5 text-sm text-foreground">
        <li className="space-y-2">
          <p>
            Scan this code with your authenticator app, or add an account with the setup key below
            (some apps also accept the whole setup link):
          </p>
          <QrCode
            text={totpURI}
            label="QR code of the two-factor setup link"
            className="h-48 w-48 rounded-md border border-border"
          />
          {secret && (
            // Wrapped between the groups of four, never inside one: a group split over two lines
            // was easy to mistype (break-all cut "SU|CN" at 390 px).
            <p className="rounded-md bg-muted px-3 py-2 font-mono text-base tracking-wider text-foreground">
              {secret.match(/.{1,4}/g)?.join(" ")}
            </p>
          )}
          <TextField
            label="Setup link"
            readOnly
            value={totpURI}
            onFocus={(e) => e.target.select()}
            className="font-mono"
          />
          <CopyButton text={totpURI} label="Copy setup link" />
        </li>
        <li className="space-y-2">
          <p>
            Save these backup codes somewhere safe. Each one signs you in once if you lose your
            phone. They are shown only now.
          </p>
          <ul className="grid grid-cols-2 gap-1 rounded-md bg-muted p-3 font-mono text-sm text-foreground sm:grid-cols-3">
            {backupCodes.map((backupCode) => (
              <li key={backupCode}>{backupCode}</li>
            ))}
          </ul>
          <CopyButton text={backupCodes.join("\n")} label="Copy backup codes" />
        </li>
        <li className="space-y-2">
          <p>Enter the 6-digit code the app shows to finish.</p>
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              confirm.mutate(code);
            }}
          >
            <TextField
              label="Authentication code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              className="w-48"
            />
            <Button type="submit" pending={confirm.isPending}>
              Verify and turn on
            </Button>
          </form>
          {confirm.error && <FormAlert>{errorMessage(confirm.error)}</FormAlert>}
        </li>
      </ol>
      <Button variant="ghost" onClick={() => start.reset()}>
        Cancel setup
      </Button>
    </div>
  );
}

function TwoFactorOn() {
  const disable = useDisableTwoFactor();
  const regenerate = useRegenerateBackupCodes();
  const [password, setPassword] = useState("");
  return (
    <div className="space-y-4">
      <p className="text-sm text-foreground">
        Two-factor authentication is <strong className="text-success">on</strong>. Signing in asks
        for a code from your app, or a backup code.
      </p>
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          disable.mutate(password);
        }}
      >
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          hint="Needed to turn two-factor off or to get new backup codes."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {(disable.error || regenerate.error) && (
          <FormAlert>{errorMessage(disable.error ?? regenerate.error)}</FormAlert>
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            pending={regenerate.isPending}
            disabled={!password}
            onClick={() => regenerate.mutate(password)}
          >
            New backup codes
          </Button>
          <Button type="submit" variant="danger" pending={disable.isPending}>
            Turn off two-factor
          </Button>
        </div>
      </form>
      {regenerate.data && (
        <div className="space-y-2">
          <SuccessMessage>New backup codes. The old ones no longer work.</SuccessMessage>
          <ul className="grid grid-cols-2 gap-1 rounded-md bg-muted p-3 font-mono text-sm sm:grid-cols-3">
            {regenerate.data.backupCodes.map((backupCode) => (
              <li key={backupCode}>{backupCode}</li>
            ))}
          </ul>
          <CopyButton text={regenerate.data.backupCodes.join("\n")} label="Copy backup codes" />
        </div>
      )}
    </div>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? "Copied" : label}
    </Button>
  );
}

/** The base32 secret inside otpauth://totp/...?secret=XXXX, for apps where it is typed in. */
function secretOf(totpURI: string): string | null {
  try {
    return new URL(totpURI).searchParams.get("secret");
  } catch {
    return null;
  }
}
