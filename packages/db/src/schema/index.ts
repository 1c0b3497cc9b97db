export * from "./auth";
export * from "./lead";
export * from "./organization";
export * from "./relations";
