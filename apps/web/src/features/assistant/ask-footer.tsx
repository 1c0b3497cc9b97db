import { Link } from "@tanstack/react-router";
import { useCreditBalance } from "../credits/use-credits.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useAiStatus, useAssistantSettings } from "./use-assistant.ts";

const credits = (n: number) => `${n} ${n === 1 ? "credit" : "credits"}`;

/**
 * Under the question box: who answers (a local stand-in model is named as such: its words are
 * made up, only its lookups are real), what a message costs, and the member's credits, with a
 * way to buy more when they run short.
 */
export function AskFooter() {
  const organization = useCurrentOrganization();
  const status = useAiStatus();
  const settings = useAssistantSettings();
  const balance = useCreditBalance();
  const cost = settings.data?.creditsPerMessage ?? null;
  return (
    <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
      {status.data?.label && (
        <span>
          Answers by the <span className="font-medium text-foreground">{status.data.label}</span>
        </span>
      )}
      {cost !== null && (
        <span>{cost === 0 ? "Messages are free." : `Each message costs ${credits(cost)}.`}</span>
      )}
      {balance.data && (
        <span>
          You have {credits(balance.data.balance)}.{" "}
          {cost !== null && balance.data.balance < cost && (
            <Link
              to="/o/$slug/credits"
              params={{ slug: organization.slug }}
              className="font-medium text-accent-foreground underline underline-offset-2"
            >
              Buy credits
            </Link>
          )}
        </span>
      )}
    </p>
  );
}

/** Why no question can be asked now (no model on this server, or turned off), or null. */
export function useAskDisabledReason(): string | null {
  const status = useAiStatus();
  const settings = useAssistantSettings();
  if (status.data && !status.data.enabled)
    return "No model is set up on this server, so the assistant cannot answer.";
  if (settings.data && !settings.data.enabled)
    return "The assistant is turned off in this organization. An admin can turn it on in Settings.";
  return null;
}
