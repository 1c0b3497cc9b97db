// In-organization rules, one policy module per domain (policies/<domain>.ts): pure functions of
// who acts, what they do and to what, with no database and no tRPC, so the API's rungs and
// services decide with them and the web imports the same functions to show or hide actions
// (`@guild/api/policies/<domain>`). A rule that needs rows (is this member in the space?) takes
// them as its resource; loading them is the rung's job (rungs.ts).
import type { MemberRole } from "@guild/db/enums";

/**
 * Who a policy judges: the acting member, as the API holds it (the scope's MemberActor, read
 * with the membership) and as the web holds it (organization.current's membership).
 */
export interface PolicyActor {
  memberId: string;
  role: MemberRole;
  crmAccess: boolean;
}

/** An action that needs no resource takes none: `can(me, "read")`, `can(me, "invite", { role })`. */
type ResourceArgs<T> = [T] extends [undefined] ? [] : [resource: T];

/** The rules of one domain: per action, what it is judged on (`undefined`: nothing). */
export type Rules<Resources> = {
  [A in keyof Resources]: (actor: PolicyActor, ...resource: ResourceArgs<Resources[A]>) => boolean;
};

/** `can(actor, action, resource)` over a domain's rules. */
export function definePolicy<Resources>(rules: Rules<Resources>) {
  return function can<A extends keyof Resources>(
    actor: PolicyActor,
    action: A,
    ...resource: ResourceArgs<Resources[A]>
  ): boolean {
    return rules[action](actor, ...resource);
  };
}
