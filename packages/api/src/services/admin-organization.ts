// Organizations as a platform admin sees them (issue 10 §3): each with its member count and its
// plan (the current subscription: Stripe, lifetime or comped; none is Free), and comping a plan.
//
// A comp is an organization_subscription with source "comp", status active and no price: the
// plan is given, nothing is paid. It is written here on the app's connection, not in a tenant
// transaction, because its audit row (a global table no tenant role may write) must commit in the
// same transaction; every statement names the organization explicitly. One current subscription
// per organization (a partial unique index): an organization paying through Stripe or with a
// lifetime plan is not comped over (CONFLICT: its subscription is ended in Stripe first); a comp
// is replaced by a new comp (the old one ends, canceled now), and ending a comp puts the
// organization back on Free. Nothing else is deleted.
import {
  and,
  count,
  type Database,
  desc,
  endedSubscriptionStatuses,
  eq,
  ilike,
  inArray,
  member,
  notInArray,
  or,
  organization,
  organizationSubscription,
  plan,
  type SQL,
  sql,
} from "@guild/db";
import { AppError, notFound } from "../errors.ts";
import { type AuditActor, recordAudit } from "./audit-log.ts";

const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const current = notInArray(organizationSubscription.status, [...endedSubscriptionStatuses]);

export async function listOrganizations(
  db: Database,
  input: {
    query?: string | undefined;
    cursor?: { at: Date; id: string } | null | undefined;
    limit: number;
  },
) {
  // Compared at milliseconds on both sides (created_at has microseconds, a cursor milliseconds).
  const created = sql<Date>`date_trunc('milliseconds', ${organization.createdAt})`;
  const conditions: (SQL | undefined)[] = [];
  if (input.query)
    conditions.push(
      or(
        ilike(organization.name, likePattern(input.query)),
        ilike(organization.slug, likePattern(input.query)),
      ),
    );
  if (input.cursor)
    conditions.push(
      sql`(${created}, ${organization.id}) < (${input.cursor.at.toISOString()}::timestamptz, ${input.cursor.id}::uuid)`,
    );
  const rows = await db
    .select({
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      createdAt: organization.createdAt,
    })
    .from(organization)
    .where(and(...conditions))
    .orderBy(desc(created), desc(organization.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const ids = page.map((row) => row.id);
  const [members, subscriptions] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({ organizationId: member.organizationId, count: count() })
            .from(member)
            .where(inArray(member.organizationId, ids))
            .groupBy(member.organizationId),
          db
            .select({
              organizationId: organizationSubscription.organizationId,
              planId: plan.id,
              planKey: plan.key,
              planName: plan.name,
              status: organizationSubscription.status,
              source: organizationSubscription.source,
              seats: organizationSubscription.seats,
              currentPeriodEnd: organizationSubscription.currentPeriodEnd,
              cancelAtPeriodEnd: organizationSubscription.cancelAtPeriodEnd,
            })
            .from(organizationSubscription)
            .innerJoin(plan, eq(plan.id, organizationSubscription.planId))
            .where(and(inArray(organizationSubscription.organizationId, ids), current)),
        ]);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const subscription = subscriptions.find((s) => s.organizationId === row.id);
      return {
        ...row,
        memberCount: members.find((m) => m.organizationId === row.id)?.count ?? 0,
        /** null: no current subscription, so the Free plan. */
        subscription: subscription
          ? (({ organizationId: _, ...rest }) => rest)(subscription)
          : null,
      };
    }),
    nextCursor: rows.length > input.limit && last ? { at: last.createdAt, id: last.id } : null,
  };
}

/** The organization, locked so two admins' comps of it queue, and its current subscription. */
async function lockedOrganization(tx: Pick<Database, "select">, organizationId: string) {
  const [found] = await tx
    .select({ id: organization.id, name: organization.name, slug: organization.slug })
    .from(organization)
    .where(eq(organization.id, organizationId))
    .for("update");
  if (!found) throw notFound("Organization");
  const [subscription] = await tx
    .select({
      id: organizationSubscription.id,
      source: organizationSubscription.source,
      status: organizationSubscription.status,
      planId: organizationSubscription.planId,
    })
    .from(organizationSubscription)
    .where(and(eq(organizationSubscription.organizationId, found.id), current));
  return { organization: found, subscription };
}

/** Ends a comp now: the one a new comp replaces, or the one an admin ends. */
async function endSubscription(
  tx: Pick<Database, "update">,
  organizationId: string,
  subscriptionId: string,
  now: Date,
) {
  await tx
    .update(organizationSubscription)
    .set({ status: "canceled", canceledAt: now, endedAt: now })
    .where(
      and(
        eq(organizationSubscription.organizationId, organizationId),
        eq(organizationSubscription.id, subscriptionId),
      ),
    );
}

export async function compPlan(
  db: Database,
  actor: AuditActor,
  input: { organizationId: string; planId: string; seats: number; reason: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const { organization: target, subscription } = await lockedOrganization(
      tx,
      input.organizationId,
    );
    const [chosen] = await tx
      .select({ id: plan.id, key: plan.key, name: plan.name })
      .from(plan)
      .where(eq(plan.id, input.planId));
    if (!chosen) throw new AppError("NOT_FOUND", "Plan not found", { field: "planId" });
    if (subscription && subscription.source !== "comp")
      throw new AppError(
        "CONFLICT",
        `This organization pays for its plan (${subscription.source}, ${subscription.status}): end that subscription before comping one`,
      );
    if (subscription) await endSubscription(tx, target.id, subscription.id, now);
    const [created] = await tx
      .insert(organizationSubscription)
      .values({
        organizationId: target.id,
        planId: chosen.id,
        status: "active",
        source: "comp",
        seats: input.seats,
        currentPeriodStart: now,
      })
      .returning({ id: organizationSubscription.id });
    await recordAudit(tx, actor, {
      action: "organization.comp_plan",
      targetType: "organization",
      targetId: target.id,
      details: {
        name: target.name,
        plan: chosen.key,
        seats: input.seats,
        reason: input.reason,
        replaced: subscription ? subscription.id : null,
      },
    });
    return { subscriptionId: created?.id ?? null, plan: chosen };
  });
}

/** Ends an organization's comp: it is on Free again (its data stays; limits apply to new things). */
export async function endComp(db: Database, actor: AuditActor, organizationId: string, now: Date) {
  await db.transaction(async (tx) => {
    const { organization: target, subscription } = await lockedOrganization(tx, organizationId);
    if (subscription?.source !== "comp")
      throw new AppError("CONFLICT", "This organization has no comped plan");
    await endSubscription(tx, target.id, subscription.id, now);
    await recordAudit(tx, actor, {
      action: "organization.end_comp",
      targetType: "organization",
      targetId: target.id,
      details: { name: target.name, subscriptionId: subscription.id },
    });
  });
}
