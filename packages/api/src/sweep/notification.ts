import { and, eq, notification } from "@guild/db";
import { sweepDomain } from "./define.ts";

export const notificationSweep = sweepDomain({
  async seed(victim) {
    // A lead assigned to the victim's member: the fan-out job writes their notification.
    await victim.owner.lead.create({
      name: "Victim's assigned lead",
      ownerMemberId: victim.memberIds.member,
    });
    await victim.fx.runJobs();
    const [row] = await victim.fx.db
      .select({ id: notification.id })
      .from(notification)
      .where(
        and(
          eq(notification.organizationId, victim.organizationId),
          eq(notification.memberId, victim.memberIds.member),
        ),
      );
    if (!row) throw new Error("the victim's notification was not created");
    await victim.owner.notification.setPreference({
      kind: "lead.assigned",
      inApp: true,
      mail: false,
    });
    return { notificationId: row.id };
  },
  procedures: {
    "notification.list": { access: "member", input: () => ({}) },
    "notification.unreadCount": { access: "member", input: () => undefined },
    "notification.markRead": { access: "member", input: (s) => ({ id: s.notificationId }) },
    "notification.markAllRead": { access: "member", input: () => undefined },
    "notification.preferences": { access: "member", input: () => undefined },
    "notification.setPreference": {
      access: "member",
      input: () => ({ kind: "lead.assigned", inApp: false, mail: false }),
    },
  },
});
