import { useQuery } from "@tanstack/react-query";
import { Lock } from "lucide-react";
import { useOrgTRPC } from "../../lib/trpc.ts";

/**
 * The paid spaces a tier opens, by name (space.tierOpenings): what a member would buy. Those
 * spaces stay out of the member's sidebar and pages until they hold the tier; nothing of them
 * but the name and icon is shown here. Nothing at all for a tier that opens no space.
 */
export function TierOpenings({ tierId }: { tierId: string }) {
  const trpc = useOrgTRPC();
  const openings = useQuery(trpc.space.tierOpenings.queryOptions());
  const spaces = openings.data?.find((o) => o.tierId === tierId)?.spaces ?? [];
  if (spaces.length === 0) return null;
  return (
    <div className="text-sm">
      <p className="font-medium text-foreground">Opens</p>
      <ul aria-label="Spaces this tier opens" className="mt-1 flex flex-wrap gap-1.5">
        {spaces.map((space, index) => (
          <li
            // Names only (no ids reach members who cannot see the space): the order is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: two spaces may share a name
            key={`${index}-${space.name}`}
            className="inline-flex items-center gap-1 rounded bg-muted px-1.5 py-0.5 text-xs font-medium text-muted-foreground"
          >
            {space.icon ? (
              <span aria-hidden="true">{space.icon}</span>
            ) : (
              <Lock aria-hidden="true" className="size-3" />
            )}
            <span className="wrap-anywhere">{space.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
