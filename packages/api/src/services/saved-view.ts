// Saved views (schema/saved-view.ts): a member's named setups of a list screen, private or shared
// with everyone who may read that screen. Rules: anyone who may read the screen keeps views and
// shares them; a private view is its author's alone (to anyone else it does not exist); a shared
// one is changed or deleted by its author or an admin, and the others are told so.
import {
  and,
  count,
  eq,
  isNotNull,
  isNull,
  live,
  lt,
  member,
  or,
  type SavedViewResource,
  SOFT_DELETE_RETENTION_DAYS,
  type SQL,
  savedView,
  sql,
  type TenantScope,
  user,
} from "@guild/db";
import { hasRole } from "@guild/db/enums";
import type { z } from "zod";
import { AppError, notFound, pgErrorCode } from "../errors.ts";
import { SAVED_VIEWS_PER_MEMBER } from "../schemas/saved-view.ts";
import { actingMember } from "./member.ts";

type State = z.ZodType<Record<string, unknown>>;

/** What the screen's schema (schemas/saved-view.ts) let through: its own state shape. */
export interface SavedViewInput {
  name: string;
  state: Record<string, unknown>;
  shared: boolean;
}

const VIEW = "View";

/** A view as the picker shows it: whose it is and what the caller may do with it. */
function toView<TState extends State>(
  scope: TenantScope,
  stateSchema: TState,
  row: {
    id: string;
    name: string;
    state: Record<string, unknown>;
    shared: boolean;
    ownerMemberId: string | null;
    ownerName: string | null;
    updatedAt: Date;
  },
) {
  const me = actingMember(scope);
  const parsed = stateSchema.safeParse(row.state);
  const mine = row.ownerMemberId === me.memberId;
  return {
    id: row.id,
    name: row.name,
    // A view saved before the screen changed (a filter gone) opens as the plain list, and says so.
    state: parsed.success ? parsed.data : null,
    shared: row.shared,
    mine,
    ownerName: row.ownerName,
    canChange: mine || (row.shared && hasRole(me.role, "admin")),
    updatedAt: row.updatedAt,
  };
}

const viewColumns = {
  id: savedView.id,
  name: savedView.name,
  state: savedView.state,
  shared: savedView.shared,
  ownerMemberId: savedView.ownerMemberId,
  ownerName: user.name,
  updatedAt: savedView.updatedAt,
};

/** The screen's views the caller sees (their own and the shared ones), with their authors. */
function selectViews(scope: TenantScope, resource: SavedViewResource, ...where: SQL[]) {
  const me = actingMember(scope);
  return scope.db
    .select(viewColumns)
    .from(savedView)
    .leftJoin(
      member,
      and(
        eq(member.organizationId, savedView.organizationId),
        eq(member.id, savedView.ownerMemberId),
      ),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .where(
      and(
        eq(savedView.organizationId, scope.organizationId),
        eq(savedView.resource, resource),
        live(savedView),
        or(eq(savedView.ownerMemberId, me.memberId), eq(savedView.shared, true)),
        ...where,
      ),
    );
}

/** The caller's own views of the screen, then the shared ones, each by name. */
export async function listSavedViews<TState extends State>(
  scope: TenantScope,
  resource: SavedViewResource,
  stateSchema: TState,
) {
  const me = actingMember(scope);
  const rows = await selectViews(scope, resource)
    .orderBy(sql`${savedView.ownerMemberId} is distinct from ${me.memberId}`, savedView.name)
    .limit(500);
  return rows.map((row) => toView(scope, stateSchema, row));
}

async function getSavedView<TState extends State>(
  scope: TenantScope,
  resource: SavedViewResource,
  stateSchema: TState,
  id: string,
) {
  const [row] = await selectViews(scope, resource, eq(savedView.id, id));
  if (!row) throw notFound(VIEW);
  return toView(scope, stateSchema, row);
}

const nameTaken = (name: string) =>
  new AppError("CONFLICT", `You already have a view named “${name}”`, { field: "name" });

export async function createSavedView<TState extends State>(
  scope: TenantScope,
  resource: SavedViewResource,
  stateSchema: TState,
  input: SavedViewInput,
) {
  const me = actingMember(scope);
  const [kept] = await scope.db
    .select({ n: count() })
    .from(savedView)
    .where(
      and(
        eq(savedView.organizationId, scope.organizationId),
        eq(savedView.ownerMemberId, me.memberId),
        eq(savedView.resource, resource),
        live(savedView),
      ),
    );
  if ((kept?.n ?? 0) >= SAVED_VIEWS_PER_MEMBER)
    throw new AppError(
      "BAD_REQUEST",
      `You keep ${SAVED_VIEWS_PER_MEMBER} views of this list already: delete one first`,
    );
  const now = scope.now();
  const [row] = await scope.db
    .insert(savedView)
    .values({
      organizationId: scope.organizationId,
      resource,
      name: input.name,
      state: input.state,
      shared: input.shared,
      ownerMemberId: me.memberId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: savedView.id });
  if (!row) throw nameTaken(input.name);
  return getSavedView(scope, resource, stateSchema, row.id);
}

/**
 * The view (live, or deleted for restore), locked, if the caller sees it; NOT_FOUND if not
 * (someone's private view); FORBIDDEN, saying why, for a shared view the caller sees but may not
 * change.
 */
async function lockChangeable(
  scope: TenantScope,
  resource: SavedViewResource,
  id: string,
  which: "live" | "deleted" = "live",
) {
  const me = actingMember(scope);
  const [row] = await scope.db
    .select({ ownerMemberId: savedView.ownerMemberId, shared: savedView.shared })
    .from(savedView)
    .where(
      and(
        eq(savedView.organizationId, scope.organizationId),
        eq(savedView.resource, resource),
        eq(savedView.id, id),
        which === "live" ? live(savedView) : isNotNull(savedView.deletedAt),
        or(eq(savedView.ownerMemberId, me.memberId), eq(savedView.shared, true)),
      ),
    )
    .for("update");
  if (!row) throw notFound(which === "live" ? VIEW : `Deleted ${VIEW.toLowerCase()}`);
  if (row.ownerMemberId !== me.memberId && !hasRole(me.role, "admin"))
    throw new AppError("FORBIDDEN", "Only its author or an admin can change a shared view");
  return row;
}

export async function updateSavedView<TState extends State>(
  scope: TenantScope,
  resource: SavedViewResource,
  stateSchema: TState,
  input: { id: string } & Partial<SavedViewInput>,
) {
  const row = await lockChangeable(scope, resource, input.id);
  // Someone else's view, changed by an admin: its author keeps it, so a name clash is theirs.
  // A view whose author left has no one's names to clash with.
  if (input.name !== undefined && row.ownerMemberId !== null) {
    const [clash] = await scope.db
      .select({ id: savedView.id })
      .from(savedView)
      .where(
        and(
          eq(savedView.organizationId, scope.organizationId),
          eq(savedView.resource, resource),
          eq(savedView.ownerMemberId, row.ownerMemberId),
          eq(savedView.name, input.name),
          live(savedView),
          sql`${savedView.id} <> ${input.id}`,
        ),
      );
    if (clash) throw nameTaken(input.name);
  }
  await scope.db
    .update(savedView)
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.state !== undefined && { state: input.state }),
      ...(input.shared !== undefined && { shared: input.shared }),
      updatedAt: scope.now(),
    })
    .where(and(eq(savedView.organizationId, scope.organizationId), eq(savedView.id, input.id)));
  return getSavedView(scope, resource, stateSchema, input.id);
}

export async function deleteSavedView(
  scope: TenantScope,
  resource: SavedViewResource,
  input: { id: string },
) {
  await lockChangeable(scope, resource, input.id);
  await scope.db
    .update(savedView)
    .set({ deletedAt: scope.now() })
    .where(and(eq(savedView.organizationId, scope.organizationId), eq(savedView.id, input.id)));
  return { id: input.id };
}

/** The toast's Undo: the same people who could delete it bring it back. */
export async function restoreSavedView<TState extends State>(
  scope: TenantScope,
  resource: SavedViewResource,
  stateSchema: TState,
  input: { id: string },
) {
  await lockChangeable(scope, resource, input.id, "deleted");
  await scope.db
    .update(savedView)
    .set({ deletedAt: null })
    .where(and(eq(savedView.organizationId, scope.organizationId), eq(savedView.id, input.id)))
    .catch((error: unknown) => {
      // A view of that name was saved meanwhile (one name per author and screen).
      if (pgErrorCode(error) === "23505")
        throw new AppError("CONFLICT", "You already have a view of that name: rename it first");
      throw error;
    });
  return getSavedView(scope, resource, stateSchema, input.id);
}

/**
 * The maintenance job's sweep: views soft-deleted past the retention window, and private views
 * whose author left (nobody can see them).
 */
export async function purgeSavedViews(scope: TenantScope) {
  const before = new Date(scope.now().getTime() - SOFT_DELETE_RETENTION_DAYS * 86_400_000);
  await scope.db
    .delete(savedView)
    .where(
      and(
        eq(savedView.organizationId, scope.organizationId),
        or(
          lt(savedView.deletedAt, before),
          and(isNull(savedView.ownerMemberId), eq(savedView.shared, false)),
        ),
      ),
    );
}
