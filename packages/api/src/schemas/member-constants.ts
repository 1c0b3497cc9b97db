// Apart from member.ts and free of zod, like lead-constants.ts: the web's route tree validates
// ?sort= with these, and the members table shows its columns and caps bulk selections with them;
// neither should download zod (~22 kB gz). member.ts re-exports them for the API.
export const memberSortFields = ["name", "email", "role", "joinedAt"] as const;
export type MemberSortField = (typeof memberSortFields)[number];

/**
 * The most members one bulk action changes: a bigger set is refused with a request to narrow the
 * filter, so one request never holds thousands of membership locks.
 */
export const MEMBER_BULK_LIMIT = 1000;

/** The columns of the members table a member may hide (the name always shows). */
export const memberTableColumns = ["email", "role", "crmAccess", "joinedAt"] as const;
export type MemberTableColumn = (typeof memberTableColumns)[number];
