import { useState } from "react";

const sizes = {
  sm: "size-7 text-xs",
  md: "size-9 text-sm",
  lg: "size-16 text-xl",
} as const;

/** Initials of a name: "Ada Lovelace" → "AL". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    (
      (parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")
    ).toUpperCase() || "?"
  );
}

/**
 * A member's picture (its stable, cached URL), or their initials when they have none or it does
 * not load. Decorative: the name is always written next to it.
 */
export function MemberAvatar({
  name,
  avatarUrl,
  size = "md",
}: {
  name: string;
  avatarUrl: string | null | undefined;
  size?: keyof typeof sizes;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  const className = `${sizes[size]} shrink-0 rounded-full`;
  if (avatarUrl && failed !== avatarUrl)
    return (
      <img
        src={avatarUrl}
        alt=""
        className={`${className} bg-muted-strong object-cover`}
        onError={() => setFailed(avatarUrl)}
      />
    );
  return (
    <span
      aria-hidden="true"
      className={`${className} grid place-items-center bg-muted-strong font-semibold text-foreground`}
    >
      {initials(name)}
    </span>
  );
}
