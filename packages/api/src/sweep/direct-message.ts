import { missingId, sweepDomain } from "./define.ts";

interface DirectMessageSeed {
  conversationId: string;
  messageId: string;
  memberMemberId: string;
  blockedMemberId: string;
  /** Groups of the owner, the member and the admin: one per change, so holders don't collide. */
  groupToAddTo: string;
  groupToRemoveFrom: string;
  groupToLeave: string;
  adminMemberId: string;
  crmMemberId: string;
}

// The owner's conversation with the plain member: everyone else in the organization, staff
// included, is not in it, and it exists nowhere for them. Its groups add the admin, so only
// those below lack them.
const notParticipants = {
  right: "be in the conversation",
  lacking: ["admin", "peerAdmin", "moderator", "crmMember"] as [
    "admin",
    "peerAdmin",
    "moderator",
    "crmMember",
  ],
  refusal: { kind: "hidden" as const },
};

const notInGroups = {
  ...notParticipants,
  lacking: ["peerAdmin", "moderator", "crmMember"] as ["peerAdmin", "moderator", "crmMember"],
};

export const directMessageSweep = sweepDomain<DirectMessageSeed>({
  async seed(victim) {
    const { owner } = victim;
    const talk = await owner.directMessage.start({ memberIds: [victim.memberIds.member] });
    const message = await owner.directMessage.send({
      conversationId: talk.id,
      body: "Victim's secret direct message",
    });
    await owner.directMessage.block({ memberId: victim.memberIds.peerAdmin });
    const group = async () =>
      (
        await owner.directMessage.start({
          memberIds: [victim.memberIds.member, victim.memberIds.admin],
        })
      ).id;
    return {
      conversationId: talk.id,
      messageId: message.id,
      memberMemberId: victim.memberIds.member,
      blockedMemberId: victim.memberIds.peerAdmin,
      groupToAddTo: await group(),
      groupToRemoveFrom: await group(),
      groupToLeave: await group(),
      adminMemberId: victim.memberIds.admin,
      crmMemberId: victim.memberIds.crmMember,
    };
  },
  procedures: {
    "directMessage.conversations": { access: "member", input: () => ({ limit: 30 }) },
    "directMessage.unread": { access: "member", input: () => undefined },
    "directMessage.blocks": { access: "member", input: () => undefined },
    "directMessage.get": {
      access: "member",
      input: (s) => ({ conversationId: s.conversationId }),
      missing: () => ({ conversationId: missingId }),
      requires: [{ ...notParticipants, holder: "member" }],
    },
    "directMessage.history": {
      access: "member",
      input: (s) => ({ conversationId: s.conversationId }),
      missing: () => ({ conversationId: missingId }),
      requires: [{ ...notParticipants, holder: "member" }],
    },
    "directMessage.markRead": {
      access: "member",
      input: (s) => ({ conversationId: s.conversationId }),
      missing: () => ({ conversationId: missingId }),
      requires: [{ ...notParticipants, holder: "member" }],
    },
    "directMessage.send": {
      access: "member",
      input: (s) => ({ conversationId: s.conversationId, body: "Planted message" }),
      missing: () => ({ conversationId: missingId, body: "Planted message" }),
      requires: [{ ...notParticipants, holder: "member" }],
    },
    "directMessage.edit": {
      access: "member",
      input: (s) => ({ id: s.messageId, body: "Planted edit" }),
      missing: () => ({ id: missingId, body: "Planted edit" }),
      requires: [
        { ...notParticipants, holder: "owner" },
        {
          // The other participant sees the message, so the refusal may say why.
          right: "be the message's author",
          lacking: ["member"],
          holder: "owner",
          refusal: {
            kind: "visible",
            through: {
              path: "directMessage.history",
              inputOf: (s) => ({ conversationId: s.conversationId }),
            },
            shows: (answer, s) => JSON.stringify(answer).includes(s.messageId),
          },
        },
      ],
    },
    "directMessage.remove": {
      access: "member",
      input: (s) => ({ id: s.messageId }),
      missing: () => ({ id: missingId }),
      requires: [{ ...notParticipants, holder: "owner" }],
    },
    "directMessage.addPeople": {
      access: "member",
      input: (s) => ({ conversationId: s.groupToAddTo, memberIds: [s.crmMemberId] }),
      missing: (s) => ({ conversationId: missingId, memberIds: [s.crmMemberId] }),
      requires: [{ ...notInGroups, holder: "member" }],
    },
    "directMessage.removePerson": {
      access: "member",
      input: (s) => ({ conversationId: s.groupToRemoveFrom, memberId: s.adminMemberId }),
      missing: (s) => ({ conversationId: missingId, memberId: s.adminMemberId }),
      requires: [
        { ...notInGroups, holder: "owner" },
        {
          // Participants see the group and who started it, so the refusal may say why.
          right: "have started the group",
          lacking: ["member"],
          refusal: {
            kind: "visible",
            through: {
              path: "directMessage.get",
              inputOf: (s) => ({ conversationId: s.groupToRemoveFrom }),
            },
            shows: (answer, s) => JSON.stringify(answer).includes(s.groupToRemoveFrom),
          },
        },
      ],
    },
    "directMessage.leave": {
      access: "member",
      input: (s) => ({ conversationId: s.groupToLeave }),
      missing: () => ({ conversationId: missingId }),
      requires: [{ ...notInGroups, holder: "member" }],
    },
    "directMessage.start": {
      access: "member",
      input: (s) => ({ memberIds: [s.memberMemberId] }),
      missing: () => ({ memberIds: [missingId] }),
    },
    "directMessage.block": {
      access: "member",
      input: (s) => ({ memberId: s.memberMemberId }),
      missing: () => ({ memberId: missingId }),
    },
    "directMessage.unblock": {
      access: "member",
      input: (s) => ({ memberId: s.blockedMemberId }),
      missing: () => ({ memberId: missingId }),
    },
  },
});
