export * from "./auth";
export * from "./enums";
export * from "./lead";
export * from "./organization";
export * from "./rate-limit";
export * from "./relations";
