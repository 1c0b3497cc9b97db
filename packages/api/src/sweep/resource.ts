import { missingId, sweepDomain } from "./define.ts";

interface ResourceSeed {
  spaceId: string;
  folderId: string;
  spareFolderId: string;
  linkId: string;
  spareLinkId: string;
}

// A private resources space the owner is in, with a folder and links: to a plain member (and the
// CRM member) the space and everything in it exist nowhere; moderators and up see every space
// and are the ones who change resources (the member and the CRM member lack the role).
const hiddenFromMembers = {
  right: "see the private resources space",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  refusal: { kind: "hidden" as const },
};

const link = {
  title: "Planted link",
  description: "",
  url: "https://planted.example.com/",
};

export const resourceSweep = sweepDomain<ResourceSeed>({
  async seed(victim) {
    const { owner } = victim;
    const library = await owner.space.create({
      name: "Victim's library",
      slug: "victims-library",
      description: "",
      icon: "",
      type: "resources",
      visibility: "private",
      section: "",
    });
    await owner.space.addMember({ spaceId: library.id, memberId: victim.memberIds.owner });
    const folder = await owner.resource.createFolder({
      spaceId: library.id,
      name: "Victim's secret folder",
    });
    const spare = await owner.resource.createFolder({ spaceId: library.id, name: "Spare folder" });
    const secret = await owner.resource.addLink({
      spaceId: library.id,
      folderId: folder.id,
      title: "Victim's secret link",
      description: "Victim's secret description",
      url: "https://victim.example.com/secret",
    });
    const spareLink = await owner.resource.addLink({
      spaceId: library.id,
      folderId: null,
      title: "Victim's spare link",
      url: "https://victim.example.com/spare",
    });
    return {
      spaceId: library.id,
      folderId: folder.id,
      spareFolderId: spare.id,
      linkId: secret.id,
      spareLinkId: spareLink.id,
    };
  },
  procedures: {
    "resource.list": {
      access: "member",
      input: (s) => ({ spaceId: s.spaceId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "resource.createFolder": {
      access: "moderator",
      input: (s) => ({ spaceId: s.spaceId, name: "Planted folder" }),
      missing: () => ({ spaceId: missingId, name: "Planted folder" }),
    },
    "resource.updateFolder": {
      access: "moderator",
      input: (s) => ({ id: s.folderId, name: "Planted name" }),
      missing: () => ({ id: missingId, name: "Planted name" }),
    },
    "resource.removeFolder": {
      access: "moderator",
      input: (s) => ({ id: s.spareFolderId }),
      missing: () => ({ id: missingId }),
    },
    "resource.reorderFolders": {
      access: "moderator",
      input: (s) => ({ spaceId: s.spaceId, ids: [s.spareFolderId, s.folderId] }),
      missing: () => ({ spaceId: missingId, ids: [missingId] }),
    },
    "resource.addLink": {
      access: "moderator",
      input: (s) => ({ spaceId: s.spaceId, folderId: s.folderId, ...link }),
      missing: () => ({ spaceId: missingId, folderId: null, ...link }),
    },
    "resource.startFileUpload": {
      access: "moderator",
      input: (s) => ({
        spaceId: s.spaceId,
        folderId: null,
        name: "planted.pdf",
        size: 100,
        contentType: "application/pdf",
      }),
      missing: () => ({
        spaceId: missingId,
        folderId: null,
        name: "planted.pdf",
        size: 100,
        contentType: "application/pdf",
      }),
    },
    "resource.update": {
      access: "moderator",
      input: (s) => ({ id: s.linkId, title: "Planted title" }),
      missing: () => ({ id: missingId, title: "Planted title" }),
    },
    "resource.move": {
      access: "moderator",
      input: (s) => ({ id: s.linkId, folderId: null }),
      missing: () => ({ id: missingId, folderId: null }),
    },
    "resource.reorder": {
      access: "moderator",
      input: (s) => ({ spaceId: s.spaceId, folderId: s.folderId, ids: [s.linkId] }),
      missing: () => ({ spaceId: missingId, folderId: null, ids: [missingId] }),
    },
    "resource.remove": {
      access: "moderator",
      input: (s) => ({ id: s.spareLinkId }),
      missing: () => ({ id: missingId }),
    },
  },
});
