import type { StudioPostState } from "@guild/db/enums";
import { stateBadges } from "./studio-labels.ts";

/** A post's state in words (colour only adds to it). */
export function StudioStateBadge({ state }: { state: StudioPostState }) {
  const badge = stateBadges[state];
  return (
    <span
      className={`inline-block shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${badge.tone}`}
    >
      {badge.label}
    </span>
  );
}
