// Bulk role changes in the members table ("select all N matching" or some rows): they take the
// directory's own filter (schemas/member.ts memberFilter), so what the table says matches is what
// the action considers. The rank rule of a single change applies to each member, and the action
// leaves alone whoever it may not touch: the caller themselves, every owner (ownership moves one
// person at a time), and anyone at or above an admin's own rank.
import {
  and,
  eq,
  inArray,
  managesRole,
  member,
  or,
  type SQL,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import { type bulkChangeRoleInput, MEMBER_BULK_LIMIT } from "../schemas/member.ts";
import { recordActivities } from "./activity.ts";
import { revokeInvitationsAbove } from "./invitation.ts";
import { actingMember, memberFilterConditions, roleGrantRefusal } from "./member.ts";
import { queueSeatSync } from "./organization-plan.ts";
import { becomesStaff, requireSeatIn, seatKind } from "./seats.ts";

/** The members the selection names: the filter's matches, only the given ids among them. */
function selected(scope: TenantScope, input: z.output<typeof bulkChangeRoleInput>): SQL {
  const where = memberFilterConditions(scope, input.filter);
  if (input.ids) where.push(inArray(member.id, [...new Set(input.ids)]));
  return and(...where) ?? sql`true`;
}

/**
 * Gives the selected members a role (admin, moderator or member). Members already holding it are
 * left alone, so sending it twice changes nothing the second time. Answers how many changed and
 * how many of the selection it was not allowed to touch (skipped).
 */
export async function bulkChangeMemberRole(
  scope: TenantScope,
  input: z.output<typeof bulkChangeRoleInput>,
) {
  const { db: tx, organizationId } = scope;
  const me = actingMember(scope);
  const selection = selected(scope, input);
  const [counted] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(member)
    .where(selection);
  if ((counted?.count ?? 0) > MEMBER_BULK_LIMIT)
    throw new AppError(
      "BAD_REQUEST",
      `More than ${MEMBER_BULK_LIMIT.toLocaleString("en")} members match: narrow the filter and try again`,
      { field: "filter" },
    );
  // Every row the change depends on, locked in id order as single changes lock them (the actor,
  // whose role is read again here, every owner, the selection): concurrent changes queue.
  const rows = await tx
    .select({
      id: member.id,
      role: member.role,
      userId: member.userId,
      crmAccess: member.crmAccess,
      matched: sql<boolean>`coalesce(${selection}, false)`,
    })
    .from(member)
    .where(
      and(
        eq(member.organizationId, organizationId),
        or(eq(member.role, "owner"), eq(member.id, me.memberId), selection),
      ),
    )
    .orderBy(member.id)
    .for("update");
  const actor = rows.find((row) => row.id === me.memberId);
  if (!actor) throw new AppError("FORBIDDEN", "You are no longer a member of this organization");
  if (!managesRole(actor.role, input.role)) throw roleGrantRefusal(actor.role, input.role);
  const matched = rows.filter((row) => row.matched);
  const allowed = matched.filter(
    (row) => row.id !== actor.id && row.role !== "owner" && managesRole(actor.role, row.role),
  );
  const changing = allowed.filter((row) => row.role !== input.role);
  // Those made staff take a seat each: all of them must fit the plan, or nobody changes.
  const newStaff = changing.filter((row) =>
    becomesStaff(row, { role: input.role, crmAccess: row.crmAccess }),
  ).length;
  if (newStaff > 0) await requireSeatIn(scope, "staffSeats", newStaff);
  if (changing.length > 0) {
    await tx
      .update(member)
      .set({ role: input.role })
      .where(
        and(
          eq(member.organizationId, organizationId),
          inArray(
            member.id,
            changing.map((row) => row.id),
          ),
        ),
      );
    await recordActivities(
      scope,
      changing.map((row) => ({
        action: "member.role_changed" as const,
        target: { type: "member", id: row.id },
        changes: { role: { from: row.role, to: input.role } },
      })),
    );
    // A demoted admin's invitations to roles they no longer manage go, as in a single change.
    for (const row of changing) await revokeInvitationsAbove(scope, row.userId, input.role);
    // Into or out of the staff: the seats a per-seat plan bills follow, as for a single change.
    if (
      changing.some(
        (row) => seatKind(row.role, row.crmAccess) !== seatKind(input.role, row.crmAccess),
      )
    )
      await queueSeatSync(scope);
    await publish(
      scope,
      changing.map((row) => ({ kind: "member.updated", target: { type: "member", id: row.id } })),
    );
  }
  return { changed: changing.length, skipped: matched.length - allowed.length };
}
