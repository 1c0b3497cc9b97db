import { and, eq, notification } from "@guild/db";
import { missingId, sweepDomain } from "./define.ts";

export const notificationSweep = sweepDomain({
  async seed(victim) {
    // A lead assigned to the victim's member (one of the CRM's staff, as lead owners are): the
    // fan-out job writes their notification.
    await victim.owner.lead.create({
      name: "Victim's assigned lead",
      ownerMemberId: victim.memberIds.crmMember,
    });
    await victim.fx.runJobs();
    const [row] = await victim.fx.db
      .select({ id: notification.id })
      .from(notification)
      .where(
        and(
          eq(notification.organizationId, victim.organizationId),
          eq(notification.memberId, victim.memberIds.crmMember),
        ),
      );
    if (!row) throw new Error("the victim's notification was not created");
    await victim.owner.notification.setPreference({
      kind: "lead.assigned",
      inApp: true,
      mail: false,
    });
    await victim.owner.notification.setDigest({ daily: true });
    return { notificationId: row.id };
  },
  procedures: {
    "notification.list": { access: "member", input: () => ({}) },
    "notification.unreadCount": { access: "member", input: () => undefined },
    "notification.markRead": {
      access: "member",
      input: (s) => ({ id: s.notificationId }),
      missing: () => ({ id: missingId }),
      // A member's notifications are theirs alone (a member-owned table): to anyone else,
      // admins and owners included, one is an id that does not exist.
      requires: [
        {
          right: "be the notification's recipient",
          lacking: ["member", "admin", "owner"],
          holder: "crmMember",
          refusal: { kind: "hidden" },
        },
      ],
    },
    "notification.markAllRead": { access: "member", input: () => undefined },
    "notification.preferences": { access: "member", input: () => undefined },
    "notification.setPreference": {
      access: "member",
      input: () => ({ kind: "lead.assigned", inApp: false, mail: false }),
    },
    "notification.digest": { access: "member", input: () => undefined },
    "notification.setDigest": { access: "member", input: () => ({ daily: false }) },
  },
});
