// One line per domain. Each file declares its tables (with their category, see helpers.ts) and
// relations; enums live in ../enums.
export * from "./activity.ts";
export * from "./audit-log.ts";
export * from "./auth.ts";
export * from "./billing-invoice.ts";
export * from "./credit.ts";
export * from "./data-table.ts";
export * from "./file.ts";
export * from "./helpers.ts";
export * from "./lead.ts";
export * from "./lead-import.ts";
export * from "./lead-note.ts";
export * from "./member-profile.ts";
export * from "./member-tier.ts";
export * from "./notification.ts";
export * from "./order.ts";
export * from "./organization.ts";
export * from "./organization-subscription.ts";
export * from "./plan.ts";
export * from "./post.ts";
export * from "./rate-limit.ts";
export * from "./realtime.ts";
export * from "./saved-view.ts";
export * from "./search.ts";
export * from "./space.ts";
export * from "./stripe-event.ts";
export * from "./task.ts";
