// Apart from member.ts and free of zod: the web's route tree validates ?sort= with it, and the
// route tree loads before every screen, sign-in included, which should not download zod.
export const memberSortFields = ["name", "email", "role", "joinedAt"] as const;
export type MemberSortField = (typeof memberSortFields)[number];
