// Rungs built from policies (policies/<domain>.ts), for procedures about one row the actor needs
// a right to: a space they must belong to, a post only its author may edit, an invitation only
// an owner may revoke. Capabilities (rights that do not depend on the row: a role, CRM access)
// are capabilityProcedure and roleProcedure (trpc.ts); a domain names its rungs in rungs/<domain>.ts.
import type { TenantScope } from "@guild/db";
import { initTRPC } from "@trpc/server";
import type { z } from "zod";
import type { AppError } from "../errors.ts";
import type { PolicyActor } from "../policies/policy.ts";

const memberScope = initTRPC.context<{ scope: TenantScope; member: PolicyActor }>().create();

export interface ResourceRung<TOutput, TInput, TResource> {
  input: z.ZodType<TOutput, TInput>;
  /** The row the input names, read in the tenant scope (lock it if the procedure writes it). */
  load: (scope: TenantScope, input: TOutput) => Promise<TResource | undefined>;
  /** The policy's answer for this actor and row. */
  can: (actor: PolicyActor, resource: TResource) => boolean;
  /** The refusal for an id that names no such row: NOT_FOUND. */
  missing: () => AppError;
  /**
   * Only for rows the actor may see anyway (an invitation in the admins' list, a member in the
   * directory): the refusal can then say why (FORBIDDEN), since it reveals nothing. Left out,
   * a refused actor gets `missing()`: the same answer as for an id that does not exist, so a
   * private space or someone's draft gives nothing away.
   */
  forbidden?: (resource: TResource, actor: PolicyActor) => AppError;
}

/**
 * `orgProcedure.concat(resourceRung({ input, load, can, missing }))`: parses the input, loads
 * the row it names in the tenant scope, asks the policy, and hands the procedure `ctx.resource`.
 * The sweep (sweep.test.ts) checks every procedure's refusals against an id that does not exist.
 */
export function resourceRung<TOutput, TInput, TResource>(
  rung: ResourceRung<TOutput, TInput, TResource>,
) {
  return memberScope.procedure.input(rung.input).use(async ({ ctx, input, next }) => {
    const resource = await rung.load(ctx.scope, input);
    if (resource === undefined) throw rung.missing();
    if (!rung.can(ctx.member, resource))
      throw rung.forbidden ? rung.forbidden(resource, ctx.member) : rung.missing();
    return next({ ctx: { resource } });
  });
}
