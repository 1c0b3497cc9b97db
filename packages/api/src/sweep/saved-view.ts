import { type InOrgRight, listHas, missingId, sweepDomain } from "./define.ts";

interface SavedViewSeed {
  /** The owner's private view. */
  privateViewId: string;
  /** The owner's view shared with the organization. */
  sharedViewId: string;
  /** The owner's private view, deleted (for restore). */
  deletedViewId: string;
}

/**
 * Views of the leads list are for whoever may read the leads (rungs/crm.ts). The holder is shown
 * where the call names no one's view: the owner's views are not the CRM member's to change.
 */
const crm = (holds: boolean): InOrgRight<SavedViewSeed> => ({
  right: "CRM access",
  lacking: ["member", "moderator"],
  ...(holds ? { holder: "crmMember" as const } : {}),
  refusal: { kind: "capability", reason: "CRM_ACCESS" },
});

/** Someone's private view is theirs alone: admins included, nobody else finds it. */
const author = (
  input: (s: SavedViewSeed) => unknown,
  holds: boolean,
): InOrgRight<SavedViewSeed> => ({
  right: "be the author of a private view",
  lacking: ["admin", "peerAdmin", "crmMember"],
  ...(holds ? { holder: "owner" as const } : {}),
  input,
  refusal: { kind: "hidden" },
});

/** A shared view is listed to everyone, and changed by its author or an admin: others are told. */
const authorOrAdmin = (
  input: (s: SavedViewSeed) => unknown,
  holds: boolean,
): InOrgRight<SavedViewSeed> => ({
  right: "be the author of a shared view, or an admin",
  lacking: ["crmMember"],
  ...(holds ? { holder: "admin" as const } : {}),
  input,
  refusal: {
    kind: "visible",
    through: { path: "leadView.list" },
    shows: (answer, s) => listHas(answer, s.sharedViewId),
  },
});

export const savedViewSweep = sweepDomain<SavedViewSeed>({
  async seed(victim) {
    const privateView = await victim.owner.leadView.create({
      name: "Owner's private view",
      state: { status: ["won"] },
    });
    const sharedView = await victim.owner.leadView.create({
      name: "Owner's shared view",
      state: { status: ["new"] },
      shared: true,
    });
    const deleted = await victim.owner.leadView.create({ name: "Owner's deleted view", state: {} });
    await victim.owner.leadView.delete({ id: deleted.id });
    return {
      privateViewId: privateView.id,
      sharedViewId: sharedView.id,
      deletedViewId: deleted.id,
    };
  },
  procedures: {
    "leadView.list": { access: "member", input: () => undefined, requires: [crm(true)] },
    "leadView.create": {
      access: "member",
      input: () => ({ name: "Planted view", state: {}, shared: true }),
      requires: [crm(true)],
    },
    "leadView.update": {
      access: "member",
      input: (s) => ({ id: s.privateViewId, name: "Hijacked" }),
      missing: () => ({ id: missingId, name: "Hijacked" }),
      requires: [
        crm(false),
        author((s) => ({ id: s.privateViewId, name: "Renamed by its author" }), true),
        authorOrAdmin((s) => ({ id: s.sharedViewId, name: "Renamed by an admin" }), true),
      ],
    },
    "leadView.delete": {
      access: "member",
      input: (s) => ({ id: s.privateViewId }),
      missing: () => ({ id: missingId }),
      requires: [
        crm(false),
        author((s) => ({ id: s.privateViewId }), false),
        authorOrAdmin((s) => ({ id: s.sharedViewId }), false),
      ],
    },
    "leadView.restore": {
      access: "member",
      input: (s) => ({ id: s.deletedViewId }),
      missing: () => ({ id: missingId }),
      requires: [crm(false), author((s) => ({ id: s.deletedViewId }), false)],
    },
  },
});
