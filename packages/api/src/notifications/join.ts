// The front door's notifications: admins hear of a join request to answer, and the person who
// asked hears that they are in.
import { and, eq, inArray, joinRequest, organization, type TenantScope } from "@guild/db";
import { actsAs } from "../services/actor.ts";
import { notificationKind } from "./define.ts";

/** Join requests are the admins' to answer, and only theirs to read. */
const seesJoinRequests = (scope: TenantScope) => actsAs(scope, "admin");

/** Join requests of these ids, for admins, linked to the queue. */
async function describeRequests(scope: TenantScope, targetIds: string[]) {
  if (!seesJoinRequests(scope)) return new Map();
  const rows = await scope.db
    .select({ id: joinRequest.id, name: joinRequest.name })
    .from(joinRequest)
    .where(
      and(eq(joinRequest.organizationId, scope.organizationId), inArray(joinRequest.id, targetIds)),
    );
  return new Map(rows.map((row) => [row.id, { name: row.name, path: "/join-requests" }]));
}

export const joinRequested = notificationKind({
  kind: "join.requested",
  label: "Someone asks to join the organization (admins)",
  defaults: { inApp: true, mail: true },
  describe: describeRequests,
  text: ({ target }) =>
    target ? `${target.name} asks to join: approve or deny` : "Someone asks to join",
});

/** The organization itself, linked to its home: the reader is a member now. */
async function describeOrganization(scope: TenantScope, targetIds: string[]) {
  const rows = await scope.db
    .select({ id: organization.id, name: organization.name })
    .from(organization)
    .where(and(eq(organization.id, scope.organizationId), inArray(organization.id, targetIds)));
  return new Map(rows.map((row) => [row.id, { name: row.name, path: "/" }]));
}

export const joinApproved = notificationKind({
  kind: "join.approved",
  label: "Your request to join was approved",
  defaults: { inApp: true, mail: true },
  describe: describeOrganization,
  text: ({ target }) =>
    target
      ? `Welcome to ${target.name}: your request to join was approved`
      : "Your request to join was approved",
});
