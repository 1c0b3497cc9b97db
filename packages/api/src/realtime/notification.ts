import { and, eq, inArray, notification } from "@guild/db";
import { eventDomain } from "./define.ts";

// Published with the recipient as audience, which the stream checks first; an event without one
// reaches nobody. The targets are checked too, in the recipient's own transaction (only their
// streams get this far): their own notifications (member-owned rows: row-level security shows
// nobody else's), or the recipient as a member ("all of mine were read").
export const notificationEvents = eventDomain({
  kinds: ["notification.created", "notification.read"],
  visible: (member, event) => event.audienceMemberId === member.memberId,
  async visibleTargets({ scope, member }, targetIds) {
    const visible = new Set(targetIds.filter((id) => id === member.memberId));
    const rest = targetIds.filter((id) => id !== member.memberId);
    if (rest.length === 0) return visible;
    const rows = await scope.db
      .select({ id: notification.id })
      .from(notification)
      .where(
        and(
          eq(notification.organizationId, scope.organizationId),
          eq(notification.memberId, member.memberId),
          inArray(notification.id, rest),
        ),
      );
    for (const row of rows) visible.add(row.id);
    return visible;
  },
});
