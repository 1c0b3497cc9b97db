import type { StudioLength, StudioPlatform, StudioPostState, StudioTone } from "@guild/db/enums";

// The brief's and the lifecycle's words, one place for the form, the lists and the calendar.

export const toneLabels: Record<StudioTone, string> = {
  friendly: "Friendly",
  professional: "Professional",
  playful: "Playful",
  bold: "Bold",
  informative: "Informative",
};

export const platformLabels: Record<StudioPlatform, string> = {
  community: "Community post",
  linkedin: "LinkedIn",
  x: "X",
  instagram: "Instagram",
  newsletter: "Newsletter",
};

export const lengthLabels: Record<StudioLength, string> = {
  short: "Short",
  medium: "Medium",
  long: "Long (up to 500 characters)",
};

export const stateLabels: Record<StudioPostState, string> = {
  draft: "Drafts",
  scheduled: "Scheduled",
  published: "Published",
  failed: "Failed",
};

export const stateBadges: Record<StudioPostState, { label: string; tone: string }> = {
  draft: { label: "Draft", tone: "bg-muted text-foreground ring-border" },
  scheduled: { label: "Scheduled", tone: "bg-info-muted text-info ring-info-border" },
  published: { label: "Published", tone: "bg-success-muted text-success ring-success-border" },
  failed: { label: "Failed", tone: "bg-danger-muted text-danger ring-danger-border" },
};
