/** A studio post's lifecycle (issue 14 §2): draft → scheduled → published, or failed (retryable). */
export const studioPostStates = ["draft", "scheduled", "published", "failed"] as const;
export type StudioPostState = (typeof studioPostStates)[number];

/** Where a scheduled post goes: a community space (as a post) or the organization's webhook. */
export const studioTargets = ["space", "webhook"] as const;
export type StudioTarget = (typeof studioTargets)[number];

export const studioTones = ["friendly", "professional", "playful", "bold", "informative"] as const;
export type StudioTone = (typeof studioTones)[number];

export const studioPlatforms = ["community", "linkedin", "x", "instagram", "newsletter"] as const;
export type StudioPlatform = (typeof studioPlatforms)[number];

export const studioLengths = ["short", "medium", "long"] as const;
export type StudioLength = (typeof studioLengths)[number];

/** Every post is at most this long, by CHECK, zod and the editor's counter. */
export const STUDIO_POST_MAX = 500;
