// The organization plan procedures' inputs, shared with the web's billing screen.
import { z } from "zod";
import { idSchema } from "./common.ts";

/** A plan price of the catalog: for checkout (a subscription or a lifetime purchase) or a change. */
export const planCheckoutInput = z.object({ priceId: idSchema });
