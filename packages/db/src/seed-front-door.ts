// The demo organization's front door (issue 11 §2): a description and an accent colour for its
// public page (/c/demo), recent posts of its public spaces shown there, and "open" joining, so a
// visitor can walk in (free or through a paid tier) on a fresh `pnpm dev`.
import { and, eq } from "drizzle-orm";
import { organization } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";

export const DEMO_DESCRIPTION =
  "A demo community for trying Guild: discussion and chat spaces, courses, events and resources. " +
  "Join free, or support it with a paid tier for the members-only lounge.";

/** Sets the demo's front door unless it has one (an owner's own edits stay). Whether it did. */
export async function seedDemoFrontDoor(scope: TenantScope): Promise<boolean> {
  const updated = await scope.db
    .update(organization)
    .set({
      description: DEMO_DESCRIPTION,
      accentColor: "#0f766e",
      joinPolicy: "open",
      showPublicPosts: true,
    })
    .where(and(eq(organization.id, scope.organizationId), eq(organization.description, "")))
    .returning({ id: organization.id });
  return updated.length > 0;
}
