import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { safeRedirect } from "../../lib/safe-redirect.ts";
import { AuthCard, textLink } from "./auth-card.tsx";
import { preloadAuthClient, useVerifyTwoFactor } from "./use-auth.ts";

const CODE_FORMAT = "Enter the 6-digit code from your authenticator app, e.g. 123456.";

/** The second sign-in step: a code from the authenticator app, or one of the backup codes. */
export function TwoFactorChallenge({ redirect }: { redirect: string | undefined }) {
  const navigate = useNavigate();
  const verify = useVerifyTwoFactor();
  const [method, setMethod] = useState<"totp" | "backup">("totp");
  const [code, setCode] = useState("");
  const [trustDevice, setTrustDevice] = useState(false);

  return (
    <AuthCard
      title="Two-factor authentication"
      description={
        method === "totp"
          ? "Enter the 6-digit code from your authenticator app."
          : "Enter one of the backup codes you saved when you turned on two-factor authentication."
      }
      footer={
        <Link to="/sign-in" search={{ redirect }} className={textLink}>
          Start over
        </Link>
      }
    >
      <form
        // The auth client loads while the person types, not with the screen.
        onFocus={preloadAuthClient}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          verify.mutate(
            { method, code, trustDevice },
            { onSuccess: () => void navigate({ href: safeRedirect(redirect), replace: true }) },
          );
        }}
      >
        {method === "totp" ? (
          <TextField
            key="totp"
            label="Authentication code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            // The browser's own words for a short code were "Please match the requested format."
            title={CODE_FORMAT}
            onInvalid={(e) => e.currentTarget.setCustomValidity(CODE_FORMAT)}
            required
            autoFocus
            value={code}
            onChange={(e) => {
              e.currentTarget.setCustomValidity("");
              setCode(e.target.value);
            }}
          />
        ) : (
          <TextField
            key="backup"
            label="Backup code"
            name="backupCode"
            autoComplete="off"
            required
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
        <label className="flex items-center gap-2 text-sm text-foreground">
          <input
            type="checkbox"
            className="size-4 rounded border-input"
            checked={trustDevice}
            onChange={(e) => setTrustDevice(e.target.checked)}
          />
          Trust this device for 30 days
        </label>
        {verify.error && <FormAlert>{errorMessage(verify.error)}</FormAlert>}
        <Button type="submit" className="w-full" pending={verify.isPending}>
          Verify
        </Button>
        <Button
          variant="ghost"
          className="w-full"
          onClick={() => {
            setMethod(method === "totp" ? "backup" : "totp");
            setCode("");
            verify.reset();
          }}
        >
          {method === "totp" ? "Use a backup code instead" : "Use the authenticator app instead"}
        </Button>
      </form>
    </AuthCard>
  );
}
