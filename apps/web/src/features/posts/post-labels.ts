import type { FeedSort } from "@guild/api/schemas/post";
import type { PostType } from "@guild/db/enums";

export const postTypeLabels: Record<PostType, string> = {
  discussion: "Discussion",
  question: "Question",
  announcement: "Announcement",
  resource: "Resource",
};

export const feedSortLabels: Record<FeedSort, string> = {
  new: "New",
  top: "Top",
  active: "Active",
};
