import { leadSortFields, leadSourceSchema, leadStatusSchema } from "@guild/api/schemas/lead";
import { z } from "zod";

/**
 * The leads table's state lives in the URL (?q=&status=&source=&owner=&sort=&dir=&view=), so a filtered
 * view can be bookmarked and shared. Bad values are dropped rather than failing the page.
 */
export const leadListSearch = z.object({
  q: z.string().optional().catch(undefined),
  status: z.array(leadStatusSchema).optional().catch(undefined),
  source: z.array(leadSourceSchema).optional().catch(undefined),
  owner: z.uuid().optional().catch(undefined),
  sort: z.enum(leadSortFields).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  /** The saved view this list was opened from (lead-views.tsx), to show its name and changes. */
  view: z.uuid().optional().catch(undefined),
});

export type LeadListSearch = z.infer<typeof leadListSearch>;
