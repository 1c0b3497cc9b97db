import { z } from "zod";

/** `?redirect=/path`: where to go once signed in. Checked by safeRedirect before use. */
export const redirectSearch = z.object({ redirect: z.string().optional() });

/** ?key: the invitation link's key, from the mail (the API's invitation-key.ts). */
export const invitationLinkSearch = z.object({ key: z.string().optional() });
