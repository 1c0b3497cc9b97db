// Apart from lead.ts and free of zod: the web's route tree validates ?sort= with it, and the route
// tree loads before every screen, sign-in included, which should not download zod.
export const leadSortFields = ["createdAt", "updatedAt", "name", "value"] as const;
export type LeadSortField = (typeof leadSortFields)[number];
