export * from "./auth.ts";
export * from "./enums.ts";
export * from "./lead.ts";
export * from "./organization.ts";
export * from "./rate-limit.ts";
export * from "./relations.ts";
