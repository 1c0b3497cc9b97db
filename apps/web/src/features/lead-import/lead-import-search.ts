import { z } from "zod";

/** `?id=`: the import under way or done, so its progress and summary survive a reload. */
export const leadImportSearch = z.object({ id: z.uuid().optional().catch(undefined) });
