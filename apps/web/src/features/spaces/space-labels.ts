import type { SpaceType, SpaceVisibility } from "@guild/db/enums";

export const spaceTypeLabels: Record<SpaceType, string> = {
  discussion: "Discussion",
  chat: "Chat",
  course: "Course",
  events: "Events",
  resources: "Resources",
};

export const visibilityLabels: Record<SpaceVisibility, string> = {
  public: "Public: every member",
  private: "Private: people an admin adds",
  paid: "Paid: members with one of its tiers",
};
