import type { SavedViewResource } from "@guild/db";
import type { TRPCRouterRecord } from "@trpc/server";
import type { z } from "zod";
import type { byIdInput } from "../schemas/common.ts";
import {
  createSavedView,
  deleteSavedView,
  listSavedViews,
  restoreSavedView,
  type SavedViewInput,
  updateSavedView,
} from "../services/saved-view.ts";
import type { orgProcedure } from "../trpc.ts";

/** One screen's view schemas, made by savedViewInputs (schemas/saved-view.ts). */
export interface SavedViewSchemas<
  TState extends z.ZodType<Record<string, unknown>>,
  TCreate extends z.ZodType<SavedViewInput>,
  TUpdate extends z.ZodType<{ id: string } & Partial<SavedViewInput>>,
> {
  state: TState;
  create: TCreate;
  update: TUpdate;
  byId: typeof byIdInput;
}

/**
 * The saved views of one list screen, mounted next to its domain's router (`leadView` for the
 * leads). `read` is the rung that lets a member read that screen: whoever may read the list may
 * keep views of it. A later domain adds a resource (schema/saved-view.ts), a state schema and
 * one line in root.ts.
 */
export function savedViewRouter<
  TState extends z.ZodType<Record<string, unknown>>,
  TCreate extends z.ZodType<SavedViewInput>,
  TUpdate extends z.ZodType<{ id: string } & Partial<SavedViewInput>>,
>(
  resource: SavedViewResource,
  read: typeof orgProcedure,
  schemas: SavedViewSchemas<TState, TCreate, TUpdate>,
) {
  const { state } = schemas;
  return {
    list: read.query(({ ctx }) => listSavedViews(ctx.scope, resource, state)),
    create: read
      .input(schemas.create)
      .mutation(({ ctx, input }) => createSavedView(ctx.scope, resource, state, input)),
    update: read
      .input(schemas.update)
      .mutation(({ ctx, input }) => updateSavedView(ctx.scope, resource, state, input)),
    delete: read
      .input(schemas.byId)
      .mutation(({ ctx, input }) => deleteSavedView(ctx.scope, resource, input)),
    restore: read
      .input(schemas.byId)
      .mutation(({ ctx, input }) => restoreSavedView(ctx.scope, resource, state, input)),
  } satisfies TRPCRouterRecord;
}
