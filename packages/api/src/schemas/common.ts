import { z } from "zod";

export const idSchema = z.uuid("Invalid id");
export const byIdInput = z.object({ id: idSchema });
