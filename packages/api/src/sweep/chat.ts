import { missingId, sweepDomain } from "./define.ts";

interface ChatSeed {
  spaceId: string;
  messageId: string;
}

// A private chat space the owner is in, with the owner's message: to a plain member (and the CRM
// member) the space and its messages exist nowhere; moderators and up see every space.
const hiddenFromMembers = {
  right: "see the private chat space",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  refusal: { kind: "hidden" as const },
};

export const chatSweep = sweepDomain<ChatSeed>({
  async seed(victim) {
    const { owner } = victim;
    const room = await owner.space.create({
      name: "Victim's back channel",
      slug: "victims-back-channel",
      description: "",
      icon: "",
      type: "chat",
      visibility: "private",
      section: "",
    });
    await owner.space.addMember({ spaceId: room.id, memberId: victim.memberIds.owner });
    const message = await owner.chat.post({
      spaceId: room.id,
      body: "Victim's secret chat message",
    });
    return { spaceId: room.id, messageId: message.id };
  },
  procedures: {
    "chat.history": {
      access: "member",
      input: (s) => ({ spaceId: s.spaceId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "chat.post": {
      access: "member",
      input: (s) => ({ spaceId: s.spaceId, body: "Planted message" }),
      missing: () => ({ spaceId: missingId, body: "Planted message" }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "chat.typing": {
      access: "member",
      input: (s) => ({ spaceId: s.spaceId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "chat.edit": {
      access: "member",
      input: (s) => ({ id: s.messageId, body: "Planted edit" }),
      missing: () => ({ id: missingId, body: "Planted edit" }),
      requires: [
        { ...hiddenFromMembers, holder: "owner" },
        {
          // Staff see the message (every space), so the refusal may say why.
          right: "be the message's author",
          lacking: ["moderator", "admin", "peerAdmin"],
          holder: "owner",
          refusal: {
            kind: "visible",
            through: { path: "chat.history", inputOf: (s) => ({ spaceId: s.spaceId }) },
            shows: (answer, s) => JSON.stringify(answer).includes(s.messageId),
          },
        },
      ],
    },
    "chat.remove": {
      access: "member",
      input: (s) => ({ id: s.messageId }),
      missing: () => ({ id: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
  },
});
