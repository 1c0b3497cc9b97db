import { memberRoles } from "@guild/db/enums";
import { z } from "zod";
import { idSchema } from "./common.ts";

export const memberRoleSchema = z.enum(memberRoles, "Choose a role");
export const changeRoleInput = z.object({ memberId: idSchema, role: memberRoleSchema });
export const memberIdInput = z.object({ memberId: idSchema });
