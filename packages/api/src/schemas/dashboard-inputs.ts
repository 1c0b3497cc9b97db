// Free of zod: what the dashboard's default view (its address without a search) asks for, shared
// by the web's dashboard (its screen and route prefetch) and the first answers the server puts
// into that page's shell (first-load.ts), which must name the very same calls.

/** The dashboard's latest leads (lead.list). */
export const recentLeadsInput = { sort: "createdAt", order: "desc", limit: 5 } as const;

/** The sales report of all time, everyone's deals (lead.salesReport): the default view. */
export const allTimeSalesReportInput = { from: null, mine: false } as const;
