import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * "Test mode: local Stripe stand-in" while the server bills through the stand-in (no
 * STRIPE_SECRET_KEY): whoever clicks through checkout knows no card is charged. Nothing with real
 * Stripe keys. The server's setup does not change while it runs: asked once per page load.
 */
export function StripeModeNote({ collapsed }: { collapsed: boolean }) {
  const trpc = useTRPC();
  const config = useQuery({ ...trpc.health.config.queryOptions(), staleTime: Infinity });
  if (config.data?.stripeMode !== "stand-in") return null;
  return (
    <p
      className={`mx-3 mb-2 rounded-md border border-amber-500/40 bg-amber-500/10 px-2 py-1 text-xs text-amber-900 dark:text-amber-200 ${collapsed ? "sr-only" : ""}`}
    >
      Test mode: local Stripe stand-in
    </p>
  );
}
