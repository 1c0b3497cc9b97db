// One file per domain; the web imports these through @guild/db/enums.
export * from "./activity.ts";
export * from "./billing.ts";
export * from "./chat.ts";
export * from "./credit.ts";
export * from "./file.ts";
export * from "./lead.ts";
export * from "./lead-import.ts";
export * from "./lead-note.ts";
export * from "./member-profile.ts";
export * from "./member-tier.ts";
export * from "./moderation.ts";
export * from "./order.ts";
export * from "./organization.ts";
export * from "./post.ts";
export * from "./reaction.ts";
export * from "./resource.ts";
export * from "./space.ts";
