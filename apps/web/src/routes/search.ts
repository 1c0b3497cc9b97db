import { z } from "zod";

/** `?redirect=/path`: where to go once signed in. Checked by safeRedirect before use. */
export const redirectSearch = z.object({ redirect: z.string().optional() });
