import type { RouterInputs } from "@guild/api";
import { type MemberSortField, memberSortFields } from "@guild/api/schemas/member-constants";
import { type MemberRole, memberRoles } from "@guild/db/enums";
import {
  optionalBoolean,
  optionalListOf,
  optionalOneOf,
  optionalString,
  type SearchInput,
} from "../../lib/search-params.ts";

export interface MemberListSearch {
  q?: string | undefined;
  role?: MemberRole[] | undefined;
  sort?: MemberSortField | undefined;
  dir?: "asc" | "desc" | undefined;
  /** Arrived to invite someone: the cursor goes to the invitation form. */
  invite?: boolean | undefined;
}

/**
 * The members table's state lives in the URL (?q=&role=&sort=&dir=), so a filtered directory can
 * be bookmarked and shared (the palette opens it searched, ?q). Bad values are dropped.
 */
export function memberListSearch(search: SearchInput): MemberListSearch {
  return {
    q: optionalString(search.q),
    role: optionalListOf(memberRoles, search.role),
    sort: optionalOneOf(memberSortFields, search.sort),
    dir: optionalOneOf(["asc", "desc"], search.dir),
    invite: optionalBoolean(search.invite),
  };
}

export type MemberFilter = RouterInputs["member"]["count"];
export type MemberListInput = Omit<NonNullable<RouterInputs["member"]["list"]>, "cursor">;

/** The filter the URL names, as member.count and the bulk role change take it. */
export function memberListFilter(search: MemberListSearch): MemberFilter {
  return { search: search.q || undefined, role: search.role?.length ? search.role : undefined };
}

/** The order the URL names: by name unless chosen; by joining date, latest first. */
export function memberListSort(search: MemberListSearch) {
  const sort = search.sort ?? "name";
  const order = search.dir ?? (sort === "joinedAt" ? "desc" : "asc");
  return { sort, order };
}

/** The first page the URL names, as member.list takes it. */
export function memberListInput(search: MemberListSearch): MemberListInput {
  return { ...memberListFilter(search), ...memberListSort(search), limit: 50 };
}
