/** "Online", or when someone was last seen: "Last seen 5 minutes ago", "Never seen". */
export function presenceLabel(online: boolean, lastSeenAt: Date | null, now = new Date()): string {
  if (online) return "Online";
  if (!lastSeenAt) return "Not seen yet";
  const minutes = Math.round((now.getTime() - lastSeenAt.getTime()) / 60_000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (minutes < 60) return `Last seen ${format.format(-minutes, "minute")}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `Last seen ${format.format(-hours, "hour")}`;
  return `Last seen ${format.format(-Math.round(hours / 24), "day")}`;
}
