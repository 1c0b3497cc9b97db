import { z } from "zod";
import { byIdInput, idSchema, lineOfText } from "./common.ts";
import { leadSortFields, listLeadsInput } from "./lead.ts";
import { SAVED_VIEW_NAME_MAX, SAVED_VIEWS_PER_MEMBER } from "./saved-view-limits.ts";

export { SAVED_VIEW_NAME_MAX, SAVED_VIEWS_PER_MEMBER };

export const savedViewName = lineOfText()
  .trim()
  .min(1, "Name the view")
  .max(SAVED_VIEW_NAME_MAX, `Keep the name under ${SAVED_VIEW_NAME_MAX} characters`);

/** The columns a view shows, by the table's column ids; ids the table no longer has are ignored. */
export const viewColumns = z.array(z.string().min(1).max(40)).max(40);

/** What a leads view keeps: the list's filters and order, and its visible columns. */
export const leadViewState = listLeadsInput
  .pick({ search: true, status: true, source: true, ownerMemberId: true })
  .extend({
    sort: z.enum(leadSortFields).optional(),
    order: z.enum(["asc", "desc"]).optional(),
    columns: viewColumns.optional(),
  });
export type LeadViewState = z.infer<typeof leadViewState>;

/** The inputs of one screen's saved views, for the state schema of that screen. */
export function savedViewInputs<TState extends z.ZodType<Record<string, unknown>>>(state: TState) {
  return {
    state,
    create: z.object({ name: savedViewName, state, shared: z.boolean().default(false) }),
    update: z.object({
      id: idSchema,
      name: savedViewName.optional(),
      state: state.optional(),
      shared: z.boolean().optional(),
    }),
    byId: byIdInput,
  };
}
